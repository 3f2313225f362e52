# Special use of public roads. The rates and the minimum fee are example figures, not any
# municipality's bylaw.

special-road-use-title = Use a street or pavement: apply for special use
special-road-use-keywords = special use, street use permit, container, skip, scaffolding, building site, market stall, outdoor seating, street party, information stand, pavement, street, Sondernutzung
special-road-use-summary = If you want to use a public street, pavement or square for more than normal traffic, for example for a container, scaffolding or a market stall, you need a special use permit.
special-road-use-who-may-apply = Every person, company or association that wants to use an area of a public street in our municipality.
special-road-use-need-place = the exact place and the size of the area in square metres
special-road-use-need-dates = the first and the last day of use
special-road-use-need-sketch = for larger areas or on the roadway: a sketch as PDF, JPEG or PNG (10 MB at most)
special-road-use-duration = About 10 minutes. Apply at least 2 weeks before you start; you usually receive the permit within 2 weeks.
special-road-use-fees = In this example per square metre and day 1 € for containers, scaffolding and building sites, 2 € for market stalls and outdoor seating, 0.50 € for everything else, at least 25 € (example figures). The decision states the binding amount under the special use bylaw.
special-road-use-legal-basis = § 16 Hessisches Straßengesetz (HStrG, Hessian Roads Act); § 8 Bundesfernstraßengesetz (FStrG, Federal Trunk Roads Act) for federal roads through the town; the municipality's special use bylaw (Sondernutzungssatzung)

special-road-use-section-use = What, when and where
special-road-use-section-applicant = About you
special-road-use-section-fee = Fee and declaration

special-road-use-page-purpose = What do you want to use the area for?
special-road-use-F99000011-label = Kind of use
special-road-use-F99000012-label = Describe the use
special-road-use-F99000012-hint = Needed if you chose “Something else”. For example “putting up a Christmas tree with lights”.

special-road-use-page-dates = When do you want to use the area?
special-road-use-page-dates-hint = Including setting up and taking down
special-road-use-F99000013-label = First day
special-road-use-F99000013-hint = In 2 weeks at the earliest, for example { $example }
special-road-use-F99000013-too-early = We need at least 2 weeks to check the application. Choose a day on or after { $date }
special-road-use-F99000014-label = Last day
special-road-use-F99000014-hint = For example, { $example }
special-road-use-F99000014-before-start = The last day must not be before the first day
special-road-use-F99000015-label = On how many days will you use the area?
special-road-use-F99000015-hint = Count every day the area is occupied, weekends too. For a market stall only on market days, count only those days.
special-road-use-F99000015-one-day = The first and the last day are the same. Enter 1 day

special-road-use-page-place = Where do you want to use the area?
special-road-use-G99000002-label = Place
special-road-use-G99000002-hint = The street and the house number in front of which the area is
special-road-use-F00000053-label = Street
special-road-use-F00000016-label = House number
special-road-use-F00000016-place-hint = If there is none, leave this empty.
special-road-use-F00000084-label = House number addition
special-road-use-F99000016-label = Which surface will you use?
special-road-use-F99000017-label = Size of the area in square metres
special-road-use-F99000017-hint = Length times width. For example, a container of 5 m by 2.5 m is 12.5 m².
special-road-use-F99000018-label = Sketch of the area
special-road-use-F99000018-hint = Mark where the area is and how big it is. It is needed for more than 20 m² and on the roadway. PDF, JPEG or PNG, 10 MB at most.

special-road-use-F99000010-label = Who are you applying for?
special-road-use-applicant-person = For myself
special-road-use-applicant-organisation = For a company, an association or another organisation
special-road-use-F00000112-label = What is the name of the company or organisation?
special-road-use-F00000112-hint = For example “Muster Gerüstbau GmbH”
special-road-use-page-name = What is your name?
special-road-use-F00000045-label = First name
special-road-use-F00000013-label = Last name
special-road-use-G00000237-label = What is your address?
special-road-use-G00000237-hint = We send the permit and the fee notice to this address
special-road-use-G00000040-label = Street and house number
special-road-use-G00000113-label = Town or city
special-road-use-F00000054-label = Postcode
special-road-use-F00000035-label = Town or city
special-road-use-page-contact = How can we contact you if we have questions?
special-road-use-page-contact-hint = We only use these details for questions about this application.
special-road-use-F99000002-label = Email address
special-road-use-F99000003-label = Phone number

special-road-use-page-fee = Your fee
special-road-use-F99000020-label = Fee per square metre and day in euros
special-road-use-F99000021-label = Expected special use fee
special-road-use-F99000022-label = How the fee is calculated
special-road-use-F99000022-text = Days times square metres times the fee per square metre and day, at least 25 € (example figures). The decision states the binding amount.
special-road-use-F99000023-label = Will you make sure the area is safe and left clean after use?
special-road-use-F99000023-hint = You are responsible for safety on the area, for example barriers, lights in the dark and a free way for pedestrians.
special-road-use-F99000023-must-confirm = We can only grant the permit if you make the area safe. Choose “Yes”

special-road-use-exit-traffic-order-needed-title = For a no-parking zone you need a traffic order
special-road-use-exit-traffic-order-needed-body = A temporary no-parking zone for a move is not a special use. Apply to the road traffic authority for a traffic order (§ 45 Straßenverkehrs-Ordnung, road traffic regulations), at least 2 weeks ahead. Removal companies often apply for you.

special-road-use-purpose-container = Container or skip
special-road-use-purpose-scaffolding = Scaffolding
special-road-use-purpose-building-site = Building site equipment, crane or material storage
special-road-use-purpose-market-stall = Market or sales stall
special-road-use-purpose-outdoor-seating = Tables and chairs outside a café or restaurant
special-road-use-purpose-event = Street party or another event
special-road-use-purpose-information-stand = Information stand
special-road-use-purpose-other = Something else
special-road-use-purpose-no-parking-zone = No-parking zone for a move
special-road-use-surface-footway = Footway (pavement)
special-road-use-surface-parking = Parking lane or parking space
special-road-use-surface-roadway = Roadway
special-road-use-surface-square = Square or pedestrian zone
