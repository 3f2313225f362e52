# Permit to fell protected trees (tree protection bylaw). The threshold of 80 cm trunk
# circumference and the fees are example figures, not any municipality's bylaw.

tree-felling-permit-title = Apply for a permit to fell a tree
tree-felling-permit-keywords = tree felling, cut down a tree, felling permit, tree protection bylaw, tree, trees, replacement planting, garden, Baumfällgenehmigung
tree-felling-permit-summary = If you want to fell or heavily cut back a protected tree, you need a permit from the municipality first.
tree-felling-permit-who-may-apply = The owner of the property. Tenants and leaseholders can apply with the owner's written consent.
tree-felling-permit-need-trees = for each tree: its species, the trunk circumference at 100 cm height and the reason for felling
tree-felling-permit-need-site-plan = a site plan of the property with the trees marked on it, as PDF, JPEG or PNG (10 MB at most)
tree-felling-permit-need-consent = if you are not the owner: the owner's written consent
tree-felling-permit-need-report = if the tree is diseased or unstable: an expert report or photos that show it
tree-felling-permit-duration = About 10 minutes. We usually decide within 4 weeks, often after a visit on site.
tree-felling-permit-fees = In this example 50 € for the first tree and 20 € for each further tree (example figures). The decision states the binding amount.
tree-felling-permit-legal-basis = The municipality's tree protection bylaw (Baumschutzsatzung); § 29 Bundesnaturschutzgesetz (BNatSchG, Federal Nature Conservation Act, protected parts of the landscape); § 39(5) BNatSchG (no felling from 1 March to 30 September); § 44 BNatSchG (species protection)

tree-felling-permit-section-applicant = About you
tree-felling-permit-section-trees = Property and trees
tree-felling-permit-section-documents = Documents
tree-felling-permit-section-felling = Felling and replacement planting

tree-felling-permit-page-applicant-role = Your relation to the property
tree-felling-permit-F99000010-label = Do you own the property where the trees stand?
tree-felling-permit-role-owner = Yes, I am the owner
tree-felling-permit-role-tenant = No, I am a tenant or leaseholder
tree-felling-permit-F99000011-label = Name of the owner
tree-felling-permit-F99000011-hint = Only if you do not own the property
tree-felling-permit-F99000012-label = Owner's consent
tree-felling-permit-F99000012-hint = Only if you do not own the property. A signed statement that the owner agrees to the felling. PDF, JPEG or PNG, 10 MB at most.
tree-felling-permit-page-name = What is your name?
tree-felling-permit-F00000045-label = First name
tree-felling-permit-F00000013-label = Last name
tree-felling-permit-G00000237-label = What is your address?
tree-felling-permit-G00000237-hint = Your home address, where we send the decision
tree-felling-permit-G00000040-label = Street and house number
tree-felling-permit-F00000053-label = Street
tree-felling-permit-F00000016-label = House number
tree-felling-permit-F00000084-label = House number addition
tree-felling-permit-G00000113-label = Town or city
tree-felling-permit-F00000054-label = Postcode
tree-felling-permit-F00000035-label = Town or city
tree-felling-permit-page-contact = How can we contact you if we have questions?
tree-felling-permit-page-contact-hint = We only use these details for questions about this application.
tree-felling-permit-F99000002-label = Email address
tree-felling-permit-F99000003-label = Phone number

tree-felling-permit-page-property = Where are the trees?
tree-felling-permit-G99000002-label = Address of the property
tree-felling-permit-G99000002-hint = If the property has no address, give the nearest address and name the land parcel.
tree-felling-permit-F99000013-label = Cadastral district, section and parcel
tree-felling-permit-F99000013-hint = As in the land register or the property tax notice, for example “Gemarkung Kassel, Flur 12, Flurstück 34/5”
tree-felling-permit-G99000001-label = Which trees do you want to fell?
tree-felling-permit-G99000001-hint = Add each tree separately (at most 20 in this application). In this example trees with a trunk circumference of 80 cm or more are protected; fruit trees are exempt.
tree-felling-permit-G99000001-instance = Tree { $number }
    .remove = Remove { $number ->
        [1] 1st
        [2] 2nd
        [3] 3rd
       *[other] { $number }th
    } tree
tree-felling-permit-G99000001-add = Add another tree
tree-felling-permit-F99000020-label = Species
tree-felling-permit-F99000021-label = Which species is it?
tree-felling-permit-F99000022-label = Trunk circumference in centimetres
tree-felling-permit-F99000022-hint = Measure around the trunk with a tape measure, 100 cm above the ground. For several trunks add up the circumferences.
tree-felling-permit-F99000023-label = Why do you want to fell the tree?
tree-felling-permit-F99000024-label = Describe the reason in more detail
tree-felling-permit-F99000024-hint = For example “trunk rotten at the base, crown leaning towards the street”

tree-felling-permit-F99000030-label = Site plan
tree-felling-permit-F99000030-hint = A plan or sketch of the property with each tree marked with its number. An extract from the cadastral map or a printout of an online map is enough. PDF, JPEG or PNG, 10 MB at most.
tree-felling-permit-F99000031-label = Expert report or photos of the tree's condition
tree-felling-permit-F99000031-hint = Because a tree is diseased, dead or unstable. PDF, JPEG or PNG, 10 MB at most.

tree-felling-permit-page-felling-date = When do you want to fell?
tree-felling-permit-F99000040-label = Planned day of felling
tree-felling-permit-F99000040-hint = For example, { $example }
tree-felling-permit-F99000040-too-early = The felling can be on { $date } at the earliest, because we check the application first
tree-felling-permit-F99000041-label = Please note
tree-felling-permit-F99000041-text = From 1 March to 30 September trees must generally not be felled, to protect nesting birds (§ 39(5) BNatSchG). If protected animals such as bats live in the tree, please tell us beforehand.
tree-felling-permit-page-replacement = Replacement planting
tree-felling-permit-page-replacement-hint = For a protected tree that is felled, we usually require you to plant a new tree.
tree-felling-permit-F99000042-label = Do you want to plant new trees on the property?
tree-felling-permit-F99000043-label = How many trees do you want to plant?
tree-felling-permit-F99000044-label = By when will you plant the new trees?
tree-felling-permit-F99000044-hint = For example, { $example }
tree-felling-permit-F99000044-after-felling = The replacement planting cannot be before the felling. Enter a date on or after the planned day of felling
tree-felling-permit-page-fee = Your fee
tree-felling-permit-F99000045-label = Fee for the permit
tree-felling-permit-F99000046-label = How the fee is calculated
tree-felling-permit-F99000046-text = 50 € for the first tree and 20 € for each further tree in this application (example figures). The decision states the binding amount.

tree-felling-permit-exit-no-permit-needed-title = You do not need a permit
tree-felling-permit-exit-no-permit-needed-body = In this example trees with a trunk circumference under 80 cm and fruit trees are not protected by the tree protection bylaw. You may fell them without a permit, but only from 1 October to 28 February (§ 39(5) BNatSchG). Check first whether birds or bats live in the tree: their nests and roosts are protected all year.

tree-felling-permit-species-maple = Maple
tree-felling-permit-species-birch = Birch
tree-felling-permit-species-beech = Beech
tree-felling-permit-species-oak = Oak
tree-felling-permit-species-ash = Ash
tree-felling-permit-species-spruce = Spruce
tree-felling-permit-species-horse-chestnut = Horse chestnut
tree-felling-permit-species-pine = Pine
tree-felling-permit-species-lime = Lime (linden)
tree-felling-permit-species-plane = Plane
tree-felling-permit-species-poplar = Poplar
tree-felling-permit-species-robinia = Black locust (robinia)
tree-felling-permit-species-willow = Willow
tree-felling-permit-species-walnut = Walnut
tree-felling-permit-species-hornbeam = Hornbeam
tree-felling-permit-species-fruit-tree = Fruit tree (except walnut and sweet chestnut)
tree-felling-permit-species-conifer-other = Another conifer
tree-felling-permit-species-other = Another species
tree-felling-permit-reason-sick-or-dead = The tree is diseased or dead
tree-felling-permit-reason-danger = The tree is no longer stable and endangers people or property
tree-felling-permit-reason-building = The tree is in the way of an approved building project
tree-felling-permit-reason-damage = The tree damages a building or pipes
tree-felling-permit-reason-other = Another reason
