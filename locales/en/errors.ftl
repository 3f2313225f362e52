error-unknown-locale = This language is not available in { -brand-name }. Please choose a language from the list.
error-settings-save = Your setting could not be saved ({ $reason }). Check that the disk has free space and try again.
error-internal = An unexpected error occurred. Please restart { -brand-name }.
error-invalid-request = The request from the interface was invalid ({ $reason }).
error-unknown-draft = This application no longer exists. Please start it again.
error-unknown-municipality = This municipality is not (or no longer) in the directory. Please choose your municipality from the list.
