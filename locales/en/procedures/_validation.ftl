# Messages of answer validation, shared by all procedures. Each says how to fix the
# problem. All receive { $label }, the question's label. A procedure may replace single
# messages per field (see docs/procedure-format.md).

validation-required = Enter “{ $label }”
validation-required-choice = Select an answer for “{ $label }”
validation-required-file = Upload “{ $label }”
validation-too-short = “{ $label }” must be { $min } characters or more
validation-too-long = “{ $label }” must be { $max } characters or fewer
validation-pattern = “{ $label }” is not in the expected format
validation-integer = “{ $label }” must be a whole number, like 3
validation-decimal = “{ $label }” must be a number, like 12.5
validation-too-many-decimals = “{ $label }” must have { $max } decimal places or fewer
validation-too-small = “{ $label }” must be { $min } or more
validation-too-large = “{ $label }” must be { $max } or less
validation-money = “{ $label }” must be an amount in euros, like 12.50
validation-date = “{ $label }” must be a date, like 27.03.2025
validation-date-not-real = “{ $label }” must be a real date, like 28.02.2025
validation-date-year = The year of “{ $label }” must have 4 digits, like 2025
validation-date-too-early = “{ $label }” must be on or after { $date }
validation-date-too-late = “{ $label }” must be on or before { $date }
validation-yes-no = Select yes or no for “{ $label }”
validation-option = Select one of the offered answers for “{ $label }”
validation-too-few-choices = Select { $min } or more answers for “{ $label }”
validation-too-many-choices = Select { $max } or fewer answers for “{ $label }”
validation-email = Enter an email address in the correct format, like name@example.com
validation-phone = Enter a phone number, like 0561 787 0 or +49 561 787 0
validation-postcode = Enter a postcode of 5 digits, like 34117
validation-iban-format = Enter an IBAN that starts with a country code, like DE89 3704 0044 0532 0130 00
validation-iban-length = An IBAN from { $country } has { $length } characters. Check for missing or extra characters
validation-iban-checksum = This IBAN is not valid. Check each character, for example against your bank card or statement
validation-tax-id-format = Enter your tax identification number of 11 digits; it does not start with 0
validation-tax-id-digits = This is not a valid tax identification number. Check the digits, for example on your tax assessment
validation-tax-id-checksum = This is not a valid tax identification number. Check the digits, for example on your tax assessment
validation-file-type = The file for “{ $label }” must be one of these types: { $types }
validation-file-size = The file for “{ $label }” must be { $max } MB or smaller
validation-too-many-instances = Add at most { $max } to “{ $label }”
validation-check = “{ $label }” does not fit your other answers
validation-answer-shape = The answer to “{ $label }” could not be read. Please enter it again
