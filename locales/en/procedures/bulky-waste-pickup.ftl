# Bulky waste collection. Amounts, lead times and the free collections are example figures. Local ids F99003…, C99003… belong to this procedure.

bulky-waste-pickup-title = Book a bulky waste collection
bulky-waste-pickup-keywords = bulky waste, collection, furniture, mattress, sofa, rubbish, waste, disposal, Sperrmüll
bulky-waste-pickup-summary = Bulky items from your household that do not fit in the residual waste bin are collected from your home once you book a collection.
bulky-waste-pickup-who-may-apply = Private households in the municipality that use the public waste collection, including tenants.
bulky-waste-pickup-need-items = a list of the items to be collected
bulky-waste-pickup-need-volume = an estimate of the amount in cubic metres (at most 5 m³ per collection)
bulky-waste-pickup-need-date = a preferred date, at the earliest in one week
bulky-waste-pickup-need-phone = a phone number for questions on the collection day
bulky-waste-pickup-duration = About 5 minutes. You will usually get the confirmed collection date within one week.
bulky-waste-pickup-fees = In this example two collections a year of up to 5 m³ each are free (example figures). The municipality's waste fee bylaw applies.
bulky-waste-pickup-legal-basis = Section 20 Circular Economy Act (KrWG); Hessian act implementing the Circular Economy Act (HAKrWG); the municipality's waste bylaw and waste fee bylaw

bulky-waste-pickup-section-applicant = About you
bulky-waste-pickup-section-items = What should be collected?
bulky-waste-pickup-section-pickup = Collection

bulky-waste-pickup-page-name = What is your name?
bulky-waste-pickup-F00000045-label = First name
bulky-waste-pickup-F00000013-label = Last name
bulky-waste-pickup-G00000237-label = What is your address?
bulky-waste-pickup-G00000237-hint = The address where the bulky waste should be collected
bulky-waste-pickup-G00000040-label = Street and house number
bulky-waste-pickup-F00000053-label = Street
bulky-waste-pickup-F00000016-label = House number
bulky-waste-pickup-F00000084-label = House number suffix
bulky-waste-pickup-G00000113-label = Town
bulky-waste-pickup-F00000054-label = Postcode
bulky-waste-pickup-F00000035-label = Town or city

bulky-waste-pickup-page-items = Which items should be collected?
bulky-waste-pickup-F99003001-label = Items
bulky-waste-pickup-F99003001-hint = Select all that apply.
bulky-waste-pickup-item-furniture = Furniture, for example wardrobe, table, shelves (please take apart)
bulky-waste-pickup-item-upholstered-furniture = Upholstered furniture, for example sofa or armchair
bulky-waste-pickup-item-mattresses = Mattresses and slatted frames
bulky-waste-pickup-item-carpets = Rugs and carpets (rolled up and tied)
bulky-waste-pickup-item-garden-furniture = Garden furniture
bulky-waste-pickup-item-prams-toys = Prams and large toys
bulky-waste-pickup-item-other = Other bulky items
bulky-waste-pickup-F99003002-label = Which other items?
bulky-waste-pickup-F99003002-hint = For example a laundry basket, suitcase or office chair
bulky-waste-pickup-F99003003-label = What is not bulky waste
bulky-waste-pickup-F99003003-text = We do not take electrical appliances, building rubble, windows and doors, sanitary ware, car parts and tyres, paint or garden waste with the bulky waste. Take them to the recycling centre or book them separately.
bulky-waste-pickup-F99003004-label = About how much bulky waste is it, in cubic metres?
bulky-waste-pickup-F99003004-hint = One cubic metre is a cube of 1 m × 1 m × 1 m, about one wardrobe taken apart. A sofa is about 2 m³.
bulky-waste-pickup-F99003004-over-limit = We take at most 5 m³ per collection. For more, book a second collection or order a skip.

bulky-waste-pickup-page-date = When should the bulky waste be collected?
bulky-waste-pickup-page-date-hint = We try to meet your wish. We will tell you the confirmed date.
bulky-waste-pickup-F99003005-label = Preferred date
bulky-waste-pickup-F99003005-hint = At the earliest in 7 days, at the latest in 90 days. For example, { $example }
bulky-waste-pickup-F99003006-label = Alternative date
bulky-waste-pickup-F99003006-hint = A second date that also suits you.
bulky-waste-pickup-F99003006-same-day = The alternative date must be a different day from the preferred date
bulky-waste-pickup-page-placement = Where will you put the bulky waste out?
bulky-waste-pickup-F99003007-label = Place
bulky-waste-pickup-F99003007-hint = Put the bulky waste out by 6 am on the collection day so that it does not block the pavement or the road.
bulky-waste-pickup-placement-kerb = At the kerb in front of the house
bulky-waste-pickup-placement-entrance = At the driveway or in the yard, freely accessible
bulky-waste-pickup-placement-other = Somewhere else
bulky-waste-pickup-F99003008-label = Describe the place
bulky-waste-pickup-F99003008-hint = For example: behind the gate on the left, next to the bins
bulky-waste-pickup-page-contact = How can we reach you on the collection day?
bulky-waste-pickup-F99000002-label = Email address
bulky-waste-pickup-F99000003-label = Phone number
bulky-waste-pickup-page-contact-hint = We only call if there are questions about the collection.
