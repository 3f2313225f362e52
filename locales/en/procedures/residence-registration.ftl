# Registering a new home under §§ 17, 19 Bundesmeldegesetz (BMG, Federal Registration Act).

residence-registration-title = Register your new home
residence-registration-keywords = registration, register address, Anmeldung, moving, move in, registration certificate, main residence, second home, landlord confirmation, citizens' office
residence-registration-summary = When you move into a home in our municipality, you must register within two weeks. You can register everyone who moves into the same home with you together.
residence-registration-who-may-apply = Everyone aged 16 or over who moves into a home in the municipality. A parent or guardian registers children under 16. Family members moving together can register together.
residence-registration-need-confirmation = your landlord's confirmation of moving in (Wohnungsgeberbestätigung) as PDF, JPEG or PNG (10 MB at most)
residence-registration-need-persons = the names, dates of birth and nationalities of everyone moving in
residence-registration-need-previous = your previous address
residence-registration-duration = About 10 minutes. You usually receive the confirmation of registration within one week.
residence-registration-fees = Registering is free of charge.
residence-registration-legal-basis = §§ 17, 19 and 23 Bundesmeldegesetz (BMG, Federal Registration Act); not registering in time is an administrative offence (§ 54 BMG)

residence-registration-section-move = Your move
residence-registration-section-persons = Who is moving in?
residence-registration-section-landlord = Landlord's confirmation
residence-registration-section-declaration = Contact and declaration

residence-registration-F99000010-label = When do or did you move in?
residence-registration-F99000010-hint = Register within two weeks after moving in. You can prepare the registration up to 7 days before you move in. For example, { $example }
residence-registration-F99000010-too-early = You moved in more than two weeks ago. You still have to register: please come to the citizens' office in person
residence-registration-F99000010-too-late = The move-in date must be on or before { $date }: you can prepare the registration at most 7 days ahead
residence-registration-page-new-address = What is your new address?
residence-registration-G00000237-label = New address
residence-registration-G00000237-hint = The address of the home in our municipality that you move into
residence-registration-G00000040-label = Street and house number
residence-registration-F00000053-label = Street
residence-registration-F00000016-label = House number
residence-registration-F00000084-label = House number addition
residence-registration-G00000113-label = Town or city
residence-registration-F00000054-label = Postcode
residence-registration-F00000035-label = Town or city
residence-registration-F99000012-label = Where the flat is in the building
residence-registration-F99000012-hint = If there are several flats in the building, for example “2nd floor left”
residence-registration-F99000011-label = Is the new home your only home?
residence-registration-F99000011-hint = Your main residence is the home you mainly use. For married people it is usually the family's home.
residence-registration-residence-sole = Yes, it is my only home
residence-registration-residence-main = No, I have another home. The new one is my main residence
residence-registration-residence-secondary = No, I have another home. The new one is my second residence
residence-registration-G99000002-label = Where is your other home?
residence-registration-G99000002-hint = The address of the home you keep
residence-registration-F99000013-label = Where did you live before?
residence-registration-moved-from-germany = In Germany
residence-registration-moved-from-abroad = Abroad
residence-registration-moved-from-newborn = Nowhere, I am registering a newborn child
residence-registration-G99000003-label = What is your previous address?
residence-registration-G99000003-hint = Your last address in Germany. We deregister you there.
residence-registration-F99000014-label = In which country did you live last?
residence-registration-F99000014-hint = For example, Poland

residence-registration-G99000001-label = People moving in
residence-registration-G99000001-hint = Start with yourself. Add everyone who moves into this home with you (at most 10 in this registration).
residence-registration-G99000001-instance = Person { $number }
    .remove = Remove { $number ->
        [1] 1st
        [2] 2nd
        [3] 3rd
       *[other] { $number }th
    } person
residence-registration-G99000001-add = Add another person
residence-registration-F00000013-label = Last name
residence-registration-F00000045-label = First names
residence-registration-F00000045-hint = All first names, as in the identity document
residence-registration-F00000014-label = Birth name
residence-registration-F00000014-hint = Only if it differs from the last name
residence-registration-F99000001-label = Date of birth
residence-registration-F99000001-hint = For example, { $example }
residence-registration-F99000001-in-future = The date of birth must be in the past
residence-registration-F99000001-after-move = The date of birth must not be after the move-in date
residence-registration-F00000065-label = Sex
residence-registration-F00000065-hint = As entered in the civil status register
residence-registration-F00000039-label = Nationality
residence-registration-F00000039-hint = If you have more than one and one of them is German, choose “German”.

residence-registration-page-landlord-confirmation = Your landlord's confirmation
residence-registration-page-landlord-confirmation-hint = Your landlord must confirm in writing that you moved in, within two weeks (Wohnungsgeberbestätigung, § 19 BMG).
residence-registration-F99000020-label = Do you have the landlord's confirmation?
residence-registration-confirmation-landlord = Yes, my landlord gave it to me
residence-registration-confirmation-owner = I own the home and filled in the confirmation myself
residence-registration-confirmation-not-yet = No, not yet
residence-registration-F00000600-label = Landlord's confirmation
residence-registration-F00000600-hint = PDF, JPEG or PNG, 10 MB at most

residence-registration-page-contact = How can we contact you if we have questions?
residence-registration-page-contact-hint = We only use these details for questions about this application.
residence-registration-F99000002-label = Email address
residence-registration-F99000003-label = Phone number
residence-registration-page-declaration = Declaration
residence-registration-F99000030-label = Number of people in this registration
residence-registration-F99000031-label = Is your information correct and complete?
residence-registration-F99000031-hint = Giving false information is an administrative offence (§ 54 BMG).
residence-registration-F99000031-must-confirm = You can only send the registration if your information is correct and complete. Check your answers, then choose “Yes”

residence-registration-exit-confirmation-missing-title = You need the landlord's confirmation first
residence-registration-exit-confirmation-missing-body = We cannot register you without your landlord's confirmation. Ask your landlord for it; they must issue it within two weeks after you move in. Your answers stay saved. If the confirmation does not come, please tell the citizens' office.

residence-registration-sex-w = Female
residence-registration-sex-m = Male
residence-registration-sex-d = Diverse
residence-registration-sex-x = Not stated
residence-registration-nationality-deu = German
residence-registration-nationality-aut = Austrian
residence-registration-nationality-bel = Belgian
residence-registration-nationality-bgr = Bulgarian
residence-registration-nationality-hrv = Croatian
residence-registration-nationality-cyp = Cypriot
residence-registration-nationality-cze = Czech
residence-registration-nationality-dnk = Danish
residence-registration-nationality-est = Estonian
residence-registration-nationality-fin = Finnish
residence-registration-nationality-fra = French
residence-registration-nationality-grc = Greek
residence-registration-nationality-hun = Hungarian
residence-registration-nationality-irl = Irish
residence-registration-nationality-ita = Italian
residence-registration-nationality-lva = Latvian
residence-registration-nationality-ltu = Lithuanian
residence-registration-nationality-lux = Luxembourgish
residence-registration-nationality-mlt = Maltese
residence-registration-nationality-nld = Dutch
residence-registration-nationality-pol = Polish
residence-registration-nationality-prt = Portuguese
residence-registration-nationality-rou = Romanian
residence-registration-nationality-svk = Slovak
residence-registration-nationality-svn = Slovenian
residence-registration-nationality-esp = Spanish
residence-registration-nationality-swe = Swedish
residence-registration-nationality-isl = Icelandic
residence-registration-nationality-lie = Liechtenstein
residence-registration-nationality-nor = Norwegian
residence-registration-nationality-che = Swiss
residence-registration-nationality-afg = Afghan
residence-registration-nationality-chn = Chinese
residence-registration-nationality-gbr = British
residence-registration-nationality-ind = Indian
residence-registration-nationality-irq = Iraqi
residence-registration-nationality-irn = Iranian
residence-registration-nationality-rus = Russian
residence-registration-nationality-syr = Syrian
residence-registration-nationality-tur = Turkish
residence-registration-nationality-ukr = Ukrainian
residence-registration-nationality-usa = American (USA)
residence-registration-nationality-other = Another nationality
