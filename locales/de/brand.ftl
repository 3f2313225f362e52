# The product's name and how this locale names itself. The name of the language is
# written in the language itself, so that a citizen finds their own in the list.
-brand-name = Amtsweg
app-name = { -brand-name }
locale-self-name = Deutsch
