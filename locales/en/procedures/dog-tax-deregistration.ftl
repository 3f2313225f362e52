# Dog tax deregistration. Local ids F99001…, G99001…, C99001… belong to this procedure; F99000001–F99000005 and G99000001 as in the registration.

dog-tax-deregistration-title = Deregister a dog from dog tax
dog-tax-deregistration-keywords = dog tax, dog, deregister, cancel, dog died, dog given away, moving, tax tag, Hundesteuer, Abmeldung
dog-tax-deregistration-summary = If your dog has died, you have given it away or you are moving away, deregister it from dog tax here.
dog-tax-deregistration-who-may-apply = Anyone who has registered a dog for dog tax in the municipality.
dog-tax-deregistration-need-tags = the number of each dog's tax tag
dog-tax-deregistration-need-date = the date from which you no longer keep the dog
dog-tax-deregistration-need-new-keeper = if you gave the dog away: the new keeper's name and address
dog-tax-deregistration-need-proof = if you have one, proof such as a vet's certificate, as PDF, JPEG or PNG (at most 5 MB)
dog-tax-deregistration-duration = About 5 minutes. You will usually get the notice that the tax has ended within 4 weeks.
dog-tax-deregistration-fees = Deregistering is free.
dog-tax-deregistration-legal-basis = The municipality's dog tax bylaw (Hundesteuersatzung); section 7(2) Hessian Municipal Charges Act (KAG)

dog-tax-deregistration-section-keeper = About you
dog-tax-deregistration-section-dogs = About your dogs

dog-tax-deregistration-page-name = What is your name?
dog-tax-deregistration-F00000045-label = First name
dog-tax-deregistration-F00000013-label = Last name
dog-tax-deregistration-F99000001-label = What is your date of birth?
dog-tax-deregistration-F99000001-hint = For example, { $example }
dog-tax-deregistration-F99000001-in-future = Your date of birth must be in the past
dog-tax-deregistration-G00000237-label = What is your address?
dog-tax-deregistration-G00000237-hint = The address where you registered the dog
dog-tax-deregistration-G00000040-label = Street and house number
dog-tax-deregistration-F00000053-label = Street
dog-tax-deregistration-F00000016-label = House number
dog-tax-deregistration-F00000084-label = House number suffix
dog-tax-deregistration-G00000113-label = Town
dog-tax-deregistration-F00000054-label = Postcode
dog-tax-deregistration-F00000035-label = Town or city
dog-tax-deregistration-F99001001-label = Dog tax reference number (Kassenzeichen)
dog-tax-deregistration-F99001001-hint = It is on your dog tax notice. If you do not have it to hand, leave this empty.
dog-tax-deregistration-page-contact = How can we contact you if we have questions?
dog-tax-deregistration-page-contact-hint = We only use these details for questions about this application.
dog-tax-deregistration-F99000002-label = Email address
dog-tax-deregistration-F99000003-label = Phone number

dog-tax-deregistration-G99000001-label = Which dogs are you deregistering?
dog-tax-deregistration-G99000001-hint = Add each dog you deregister for the same reason (at most 5). For dogs with a different reason, please make a separate application.
dog-tax-deregistration-G99000001-instance = Dog { $number }
    .remove = Remove { $number ->
        [1] 1st
        [2] 2nd
        [3] 3rd
       *[other] { $number }th
    } dog
dog-tax-deregistration-G99000001-add = Add another dog
dog-tax-deregistration-F99000005-label = Dog's name
dog-tax-deregistration-F99001002-label = Tax tag number
dog-tax-deregistration-F99001002-hint = The number is on the dog tax tag and on the tax notice.
dog-tax-deregistration-F99001003-label = Why are you deregistering the dog?
dog-tax-deregistration-F99001003-hint = Choose the reason that applies to all the dogs you listed.
dog-tax-deregistration-reason-died = The dog has died
dog-tax-deregistration-reason-given-away = I gave the dog to someone else
dog-tax-deregistration-reason-moved-away = I am moving out of the municipality with the dog
dog-tax-deregistration-page-new-keeper = Who keeps the dog now?
dog-tax-deregistration-page-new-keeper-hint = The municipality needs these details to charge dog tax to the new keeper.
dog-tax-deregistration-G99001001-label = New keeper
dog-tax-deregistration-new-keeper-F00000045-label = First name
dog-tax-deregistration-new-keeper-F00000013-label = Last name
dog-tax-deregistration-new-keeper-G00000237-label = Address
dog-tax-deregistration-new-keeper-G00000040-label = Street and house number
dog-tax-deregistration-new-keeper-F00000053-label = Street
dog-tax-deregistration-new-keeper-F00000016-label = House number
dog-tax-deregistration-new-keeper-F00000084-label = House number suffix
dog-tax-deregistration-new-keeper-G00000113-label = Town
dog-tax-deregistration-new-keeper-F00000054-label = Postcode
dog-tax-deregistration-new-keeper-F00000035-label = Town or city
dog-tax-deregistration-G99001002-label = What is your new address?
dog-tax-deregistration-G99001002-hint = Your new address in Germany. If you are moving abroad, please write to us instead.
dog-tax-deregistration-new-address-G00000040-label = Street and house number
dog-tax-deregistration-new-address-F00000053-label = Street
dog-tax-deregistration-new-address-F00000016-label = House number
dog-tax-deregistration-new-address-F00000084-label = House number suffix
dog-tax-deregistration-new-address-G00000113-label = Town
dog-tax-deregistration-new-address-F00000054-label = Postcode
dog-tax-deregistration-new-address-F00000035-label = Town or city
dog-tax-deregistration-F99001004-label = From when do you no longer keep the dog in the municipality?
dog-tax-deregistration-F99001004-hint = The date of death, handover or move. The tax ends at the end of that month. For example, { $example }
dog-tax-deregistration-page-proof = Proof and tax tags
dog-tax-deregistration-F00000600-label = Proof
dog-tax-deregistration-F00000600-hint = For example a vet's certificate, a confirmation from the new keeper, or the registration confirmation of your new municipality. PDF, JPEG or PNG, at most 5 MB.
dog-tax-deregistration-F99001005-label = Return the tax tags
dog-tax-deregistration-F99001005-text = Please hand in the tax tag of each deregistered dog at the tax office or send it back by post.
