# Certificate of registration. The fees are example figures. Local ids F99004…, C99004… belong to this procedure.

certificate-of-registration-title = Apply for a certificate of registration
certificate-of-registration-keywords = certificate of registration, proof of address, residence, registration, Meldebescheinigung, citizens' office, extended certificate
certificate-of-registration-summary = A certificate of registration (Meldebescheinigung) confirms the address you are registered at, for example for employers, banks or authorities.
certificate-of-registration-who-may-apply = Anyone registered in the municipality, for themselves. For someone else you need a written power of attorney; that is only possible at the citizens' office.
certificate-of-registration-need-personal = your details as they are in the population register: name, date of birth and address
certificate-of-registration-need-kind = whether you need a simple or an extended certificate; if unsure, ask whoever asked you for it
certificate-of-registration-duration = About 5 minutes. By post you will usually get the certificate within one week.
certificate-of-registration-fees = In this example €5 for the simple and €10 for the extended certificate (example figures). The fee rules of your state or municipality apply.
certificate-of-registration-legal-basis = Section 18 Federal Registration Act (BMG); the state's administrative fee regulations

certificate-of-registration-section-applicant = About you
certificate-of-registration-section-certificate = About the certificate

certificate-of-registration-page-name = What is your name?
certificate-of-registration-F00000045-label = First name
certificate-of-registration-F00000013-label = Last name
certificate-of-registration-F00000014-label = Birth name
certificate-of-registration-F00000014-hint = Only if it is different from your last name.
certificate-of-registration-F99000001-label = What is your date of birth?
certificate-of-registration-F99000001-hint = For example, { $example }
certificate-of-registration-F99000001-in-future = Your date of birth must be in the past
certificate-of-registration-G00000237-label = What is your address?
certificate-of-registration-G00000237-hint = The address at which you are registered in the municipality
certificate-of-registration-G00000040-label = Street and house number
certificate-of-registration-F00000053-label = Street
certificate-of-registration-F00000016-label = House number
certificate-of-registration-F00000084-label = House number suffix
certificate-of-registration-G00000113-label = Town
certificate-of-registration-F00000054-label = Postcode
certificate-of-registration-F00000035-label = Town or city
certificate-of-registration-page-contact = How can we contact you if we have questions?
certificate-of-registration-page-contact-hint = We only use these details for questions about this application.
certificate-of-registration-F99000002-label = Email address
certificate-of-registration-F99000003-label = Phone number

certificate-of-registration-F99004001-label = Which certificate of registration do you need?
certificate-of-registration-F99004001-hint = The simple one is usually enough. The extended one contains more data from the population register, for example earlier addresses, nationalities and marital status.
certificate-of-registration-kind-simple = Simple certificate: name, doctoral degree, date of birth and address
certificate-of-registration-kind-extended = Extended certificate: further data from the population register as well
certificate-of-registration-F99004002-label = What do you need the certificate for?
certificate-of-registration-F99004002-hint = For example for your employer, your bank or an authority. It helps us issue the right certificate.
certificate-of-registration-F99004003-label = How would you like to get the certificate?
certificate-of-registration-F99004003-hint = By post we send it to your registered address.
certificate-of-registration-delivery-post = By post to my registered address
certificate-of-registration-delivery-pick-up = I will pick it up at the citizens' office (please bring your ID)
certificate-of-registration-page-fee = Your fee
certificate-of-registration-F99004004-label = Fee
certificate-of-registration-F99004005-label = How the fee is worked out
certificate-of-registration-F99004005-text = Simple certificate €5, extended certificate €10 (example figures). You pay with the fee notice or when you pick it up.
