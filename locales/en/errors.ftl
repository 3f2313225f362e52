error-unknown-locale = This language is not available in { -brand-name }. Please choose a language from the list.
error-settings-save = Your setting could not be saved ({ $reason }). Check that the disk has free space and try again.
error-internal = An unexpected error occurred. Please restart { -brand-name }.
error-invalid-request = The request from the interface was invalid ({ $reason }).
error-unknown-draft = This application no longer exists. Please start it again.
error-unknown-municipality = This municipality is not (or no longer) in the directory. Please choose your municipality from the list.
error-attachment-type = This file cannot be attached: its content is none of the allowed file types ({ $reason }).
error-attachment-size = This file is too large. At most { $reason } are allowed.
error-attachment-unreadable = The file could not be read ({ $reason }).
error-file-dialog = The window for choosing a file could not be opened ({ $reason }).
error-keychain-unavailable = No keychain (such as GNOME Keyring or KWallet) can be reached on this computer to keep the key to your drafts.
error-keychain-locked = Your keychain is locked. As soon as you unlock it (usually with your login password), { -brand-name } opens your drafts; until then they are not saved.
error-keychain-denied = The keychain refused { -brand-name } access. Allow access, then choose "Try again" under "Settings", "My data". Until then your drafts are not saved.
error-vault-key-missing = The key to your saved drafts is missing from the keychain. Your drafts are unchanged. Under "Settings", "My data" you can get them back with your recovery code or import an export.
error-vault-wrong-key = The key in the keychain does not fit your saved drafts. Your drafts are unchanged. Under "Settings", "My data" you can get them back with your recovery code or import an export.
error-vault-damaged = This draft is damaged or was changed and cannot be opened ({ $reason }). Your other drafts are not affected.
error-vault-versions-changed = { -brand-name } cannot prove that this is the newest version of the draft. Under "My drafts" you can keep your drafts as they are now.
error-vault-disk-full = The draft could not be saved: the disk is full. The last saved version is kept. Free some space and try again.
error-vault-passphrase = The passphrase is wrong or missing. Your drafts are unchanged.
error-vault-newer = Your drafts were saved by a newer version of { -brand-name }. Please update { -brand-name }.
error-vault-storage = Your drafts could not be saved or read ({ $reason }). The last saved version is kept.
error-passphrase-empty = Enter a passphrase.
error-passphrase-too-short = The passphrase must be 12 characters or more.
error-passphrase-mismatch = The two passphrases are not the same. Enter the same passphrase twice.
error-passphrase-too-long = The passphrase can be 1024 characters at most.
error-passphrase-weak = { $reason ->
        [common] This passphrase is widely used and easy to guess. Use a few words that have nothing to do with each other.
        [keyboard] Rows of keys like "qwerty" or "asdf" are easy to guess. Use a few words that have nothing to do with each other instead.
        [repeats] Repeats like "aaa" or "abcabc" are easy to guess. Use a few different words instead.
        [sequence] Sequences like "abcd" or "1234" are easy to guess. Use a few words that have nothing to do with each other instead.
        [dates] Years and dates are easy to guess. Use a few words that have nothing to do with each other instead.
        [names] Names on their own are easy to guess. Add one or two words that have nothing to do with the rest.
       *[other] This passphrase is easy to guess. Add one or two words that have nothing to do with the rest.
    }
error-vault-locked = Your drafts are protected by a passphrase. Enter it under "Settings", "My data" to open them. Until then, what you enter is not saved.
error-vault-no-passphrase = Your drafts are to be protected by a passphrase, but none is chosen yet. Choose one under "Settings", "My data". Until then, what you enter is not saved.
error-export-file = This file is not an export of { -brand-name }, or it was changed or damaged ({ $reason }). Choose the file you exported. Nothing was imported.
error-export-write = The export could not be saved ({ $reason }). Choose another folder and try again.
error-import-read = The file could not be read ({ $reason }). Nothing was imported.
error-import-passphrase = This passphrase does not open the file. Enter the passphrase you chose when you exported it. Nothing was imported.
error-recovery-code-format = This is not a complete recovery code. Check it for typos: it has 28 characters in groups of four.
error-recovery-code-wrong = This recovery code does not match your drafts. It may belong to another computer, or you created a newer code after it.
error-recovery-code-none = No recovery code was created for these drafts.
error-passphrase-current = The current passphrase is not right.
error-delete-incomplete = Not everything could be deleted ({ $reason }). Please try again.
error-delete-unsent = { $count ->
        [one] One application has not been sent yet. If you delete all your data, it will never be sent.
       *[other] { $count } applications have not been sent yet. If you delete all your data, they will never be sent.
    }
error-printout = The PDF could not be made ({ $reason }). Please try again.
error-printout-write = The PDF could not be saved ({ $reason }). Choose another folder and try again.
error-viewer = The PDF could not be opened for printing ({ $reason }). Download it and print it from there.
error-application-freeze = The application could not be prepared for sending ({ $reason }). Nothing was sent, and your answers are still in "My drafts". Please try again.
error-application-endpoint = Your municipality's address for applications cannot be used ({ $reason }). Nothing was sent, and your answers are still in "My drafts".
error-application-no-municipality = Choose your municipality first: it decides where your application goes. Nothing was sent, and your answers are still in "My drafts".
