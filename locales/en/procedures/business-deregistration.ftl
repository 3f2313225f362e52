# Business deregistration under § 14 GewO, modelled on form GewA 3 (annex 3 of the
# Gewerbeanzeigeverordnung).

business-deregistration-title = Deregister a business
business-deregistration-keywords = business deregistration, deregister a business, close a business, closing down, GewA 3, business moves, transfer, Gewerbeabmeldung
business-deregistration-summary = If you close your business, move it to another municipality or someone else takes it over, you must deregister it with us.
business-deregistration-who-may-apply = The owner of the business, or for a company its legal representative. You can still deregister after closing; please do so as soon as possible.
business-deregistration-need-registration = the address of the business and the registered activity, as in your business registration
business-deregistration-need-end-date = the day on which you close the business
business-deregistration-need-employees = the number of employees when you close
business-deregistration-duration = About 10 minutes. You usually receive the confirmation within one week.
business-deregistration-fees = In many municipalities deregistering is free of charge. If your municipality charges a fee, the decision states it.
business-deregistration-legal-basis = § 14(1) sentence 2 no. 3 Gewerbeordnung (GewO, Trade Regulation Act); Gewerbeanzeigeverordnung (GewAnzV, Trade Notification Ordinance)

business-deregistration-section-operator = About the owner
business-deregistration-section-business = About the business
business-deregistration-section-closure = Deregistration

business-deregistration-F99000010-label = Who registered the business?
business-deregistration-operator-natural-person = I did, as a sole trader (natural person)
business-deregistration-operator-legal-entity = A company or association that I represent (legal entity, for example GmbH or UG)
business-deregistration-page-company = About the company
business-deregistration-F00000112-label = Company name
business-deregistration-F99000011-label = Register number
business-deregistration-F99000011-hint = If the company is entered in a register, for example { $example }
business-deregistration-F99000011-pattern = Enter the register number with the type of register, for example HRB 12345 or VR 678
business-deregistration-page-name = What is your name?
business-deregistration-F00000045-label = First name
business-deregistration-F00000013-label = Last name
business-deregistration-F99000001-label = What is your date of birth?
business-deregistration-F99000001-hint = For example, { $example }
business-deregistration-F99000001-in-future = Your date of birth must be in the past
business-deregistration-G00000237-label = Where do you live?
business-deregistration-G00000237-hint = Your home address
business-deregistration-G00000040-label = Street and house number
business-deregistration-F00000053-label = Street
business-deregistration-F00000016-label = House number
business-deregistration-F00000084-label = House number addition
business-deregistration-G00000113-label = Town or city
business-deregistration-F00000054-label = Postcode
business-deregistration-F00000035-label = Town or city
business-deregistration-page-contact = How can we contact you if we have questions?
business-deregistration-page-contact-hint = We only use these details for questions about this application.
business-deregistration-F99000002-label = Email address
business-deregistration-F99000003-label = Phone number

business-deregistration-G99000001-label = Where is the business you are deregistering?
business-deregistration-G99000001-hint = The address of the premises, as in the business registration
business-deregistration-F99000020-label = Which activity did you register?
business-deregistration-F99000020-hint = As in your business registration, for example “retail of bicycles”
business-deregistration-F99000021-label = Since when was the business registered?
business-deregistration-F99000021-hint = The start date in the business registration, for example { $example }
business-deregistration-F99000022-label = What kind of establishment are you deregistering?
business-deregistration-establishment-main = Main establishment (the seat of the business)
business-deregistration-establishment-branch = Branch (another location with its own management)
business-deregistration-establishment-dependent-branch = Dependent branch (another location without its own management)

business-deregistration-F99000030-label = Why are you deregistering the business?
business-deregistration-F99000030-hint = Choose the reason that fits best.
business-deregistration-page-closing-cause = Closing the business
business-deregistration-F99000031-label = Why are you closing the business?
business-deregistration-F99000031-hint = We need this for the trade statistics.
business-deregistration-F99000032-label = Which other reason?
business-deregistration-F99000033-label = Who takes over the business?
business-deregistration-F99000033-hint = The name of the person or company. They must register the business themselves.
business-deregistration-G99000002-label = Where does the business move to?
business-deregistration-G99000002-hint = Register the business again there.
business-deregistration-F99000034-label = On which day do you close the business?
business-deregistration-F99000034-hint = For example, { $example }
business-deregistration-F99000034-too-late = You can deregister at most 4 weeks in advance, so for a day on or before { $date }
business-deregistration-F99000034-before-start = The closing cannot be before the business started
business-deregistration-page-employees = How many people worked in the business when it closed?
business-deregistration-page-employees-hint = Not counting yourself. Enter 0 if you worked alone.
business-deregistration-F99000035-label = Full time
business-deregistration-F99000036-label = Part time
business-deregistration-F99000037-label = Employees in total
business-deregistration-F99000038-label = Is your information correct and complete?
business-deregistration-F99000038-hint = Giving false or incomplete information in a business notification is an administrative offence (§ 146 GewO).
business-deregistration-F99000038-must-confirm = You can only send the deregistration if your information is correct and complete. Choose “Yes”

business-deregistration-exit-re-registration-instead-title = You need to re-register the business instead
business-deregistration-exit-re-registration-instead-body = If the business moves within our municipality, do not deregister it; re-register it instead (form GewA 2). You can do this at most 4 weeks ahead and at the latest on the day of the move, at the trade office.

business-deregistration-reason-closing = I am closing the business completely
business-deregistration-reason-moving-away = The business moves to another municipality
business-deregistration-reason-transfer = Someone else takes over the business (sale, lease, inheritance)
business-deregistration-reason-legal-form-change = The legal form changes, for example from sole trader to GmbH
business-deregistration-reason-partner-leaving = I am leaving as a partner
business-deregistration-reason-merger = The business is converted, for example merged or split
business-deregistration-reason-moving-within = The business moves within our municipality
business-deregistration-cause-economic = Economic reasons
business-deregistration-cause-insolvency = Insolvency proceedings
business-deregistration-cause-retirement = Retirement
business-deregistration-cause-health = Health reasons
business-deregistration-cause-other = Another reason
