# Dog tax registration. The amounts are example figures, not any municipality's bylaw.

dog-tax-registration-title = Register a dog for dog tax
dog-tax-registration-keywords = dog tax, dog, register dog, listed dog, dangerous dog, tax, Hundesteuer
dog-tax-registration-summary = If you keep a dog, you must register it with your municipality for dog tax.
dog-tax-registration-who-may-apply = Anyone who lives in the municipality and keeps a dog older than three months.
dog-tax-registration-need-dogs = the name and breed of each dog and the date you got it
dog-tax-registration-need-iban = your IBAN, if the tax should be paid by direct debit
dog-tax-registration-need-insurance = for a dangerous (listed) dog: proof of liability insurance as PDF, JPEG or PNG (at most 5 MB)
dog-tax-registration-duration = About 5 minutes. You will usually get the tax notice within 4 weeks.
dog-tax-registration-fees = Registering is free. In this example the dog tax is €96 a year for the first dog and €156 for each further dog.
dog-tax-registration-legal-basis = The municipality's dog tax bylaw (Hundesteuersatzung); section 7(2) Hessian Municipal Charges Act (KAG)

dog-tax-registration-section-keeper = About you
dog-tax-registration-section-dogs = About your dogs
dog-tax-registration-section-payment = Tax and payment

dog-tax-registration-page-name = What is your name?
dog-tax-registration-F00000045-label = First name
dog-tax-registration-F00000013-label = Last name
dog-tax-registration-F99000001-label = What is your date of birth?
dog-tax-registration-F99000001-hint = For example, { $example }
dog-tax-registration-F99000001-in-future = Your date of birth must be in the past
dog-tax-registration-G00000237-label = What is your address?
dog-tax-registration-G00000237-hint = The address where you live with the dog
dog-tax-registration-G00000040-label = Street and house number
dog-tax-registration-F00000053-label = Street
dog-tax-registration-F00000016-label = House number
dog-tax-registration-F00000084-label = House number suffix
dog-tax-registration-G00000113-label = Town
dog-tax-registration-F00000054-label = Postcode
dog-tax-registration-F00000035-label = Town or city
dog-tax-registration-page-contact = How can we contact you if we have questions?
dog-tax-registration-page-contact-hint = We only use these details for questions about this application.
dog-tax-registration-F99000002-label = Email address
dog-tax-registration-F99000003-label = Phone number

dog-tax-registration-F99000004-label = From when do you keep the dog or dogs in our municipality?
dog-tax-registration-F99000004-hint = Tax is due from the month after this date. For example, { $example }
dog-tax-registration-G99000001-label = Your dogs
dog-tax-registration-G99000001-hint = Add each dog you keep (at most 5 in this application).
dog-tax-registration-G99000001-instance = Dog { $number }
    .remove = Remove { $number ->
        [1] 1st
        [2] 2nd
        [3] 3rd
       *[other] { $number }th
    } dog
dog-tax-registration-G99000001-add = Add another dog
dog-tax-registration-F99000005-label = Dog's name
dog-tax-registration-F99000006-label = Breed
dog-tax-registration-F99000006-hint = For a mixed breed, choose "Mixed breed".
dog-tax-registration-F99000007-label = When did you get this dog?
dog-tax-registration-F99000007-hint = For example, { $example }
dog-tax-registration-F99000007-after-start = The date you got the dog must be on or before the date you keep it in the municipality
dog-tax-registration-F99000008-label = Is this dog a dangerous (listed) dog?
dog-tax-registration-F99000008-hint = Dangerous dogs are listed in the Hessian dog regulation (HundeVO).
dog-tax-registration-F99000008-listed-breed = This breed counts as a dangerous dog. Choose "Yes"
dog-tax-registration-F99000009-label = Do you have a permit to keep a dangerous dog?
dog-tax-registration-F99000009-hint = The public order office (Ordnungsamt) issues the permit.
dog-tax-registration-F00000600-label = Proof of liability insurance
dog-tax-registration-F00000600-hint = A dangerous dog must be insured. PDF, JPEG or PNG, at most 5 MB.

dog-tax-registration-page-fee = Your dog tax
dog-tax-registration-F99000010-label = Dog tax per year
dog-tax-registration-F99000011-label = How the tax is worked out
dog-tax-registration-F99000011-text = €96 a year for the first dog, €156 a year for each further dog (example figures). The tax notice states the binding amount.
dog-tax-registration-page-payment = How do you want to pay?
dog-tax-registration-F99000012-label = Should the dog tax be paid by direct debit from your account?
dog-tax-registration-F99000012-hint = Otherwise you transfer the amount yourself by the dates in the tax notice.
dog-tax-registration-F99000013-label = Name of the account holder
dog-tax-registration-F99000014-label = IBAN
dog-tax-registration-F99000014-hint = For example, { $example }

dog-tax-registration-exit-permit-title = You cannot register the dangerous dog online yet
dog-tax-registration-exit-permit-body = For a dangerous dog you first need a permit from the public order office (Ordnungsamt). Apply for the permit in person there. Once you have it, you can register the dog here.

dog-tax-registration-breed-mixed-breed = Mixed breed
dog-tax-registration-breed-labrador-retriever = Labrador Retriever
dog-tax-registration-breed-german-shepherd = German Shepherd
dog-tax-registration-breed-dachshund = Dachshund
dog-tax-registration-breed-golden-retriever = Golden Retriever
dog-tax-registration-breed-jack-russell-terrier = Jack Russell Terrier
dog-tax-registration-breed-american-staffordshire-terrier = American Staffordshire Terrier
dog-tax-registration-breed-pit-bull-terrier = Pit Bull Terrier
dog-tax-registration-breed-staffordshire-bull-terrier = Staffordshire Bull Terrier
dog-tax-registration-breed-bullterrier = Bull Terrier
dog-tax-registration-breed-other = Another breed
