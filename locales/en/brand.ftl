-brand-name = Amtsweg
app-name = { -brand-name }
locale-self-name = English
