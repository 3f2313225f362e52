## The wizard: the procedure's pages. Texts of the questions, errors, steps, statuses,
## "optional", "Add another", "Remove entry …", "Not provided" and the submit button come
## from the engine (procedures/_engine.ftl and the procedure's own file).

wizard-continue = Continue
wizard-back = Back
wizard-error-summary-heading = There is a problem
# Put before the window title and read before each inline error message.
wizard-error-prefix = Error:
# Between a label and its value or a question ("Dog 1: Bello").
wizard-label-separator = :
wizard-change = Change
wizard-select-placeholder = Please select
wizard-group-added-heading = Added so far
wizard-group-added-empty = Nothing entered yet
wizard-group-instance-added = A new entry has been added.
wizard-group-instance-removed = The entry has been removed.
wizard-remove-question = Do you want to remove this entry? What you entered in it will be lost.
wizard-remove-cancel = No, keep it
# Under a long text field; the app puts the numbers where "{1}" (characters typed, or how many too many) and "{2}" (the limit) stand.
wizard-character-count = { "{1}" } of { "{2}" } characters
wizard-character-count-over = You have { "{1}" } characters too many
    .one = You have { "{1}" } character too many
wizard-character-limit = You can enter up to { "{2}" } characters.
wizard-file-choose = Choose file
wizard-file-none = No file chosen yet.
wizard-file-unavailable = Attaching files is not available yet in this version of { -brand-name }.
wizard-task-list-sections = Sections of the application
wizard-check-answers = Check your answers
wizard-check-answers-pending = You can check your answers once every section is completed.
wizard-check-answers-heading = Check your answers before submitting your application
wizard-back-to-services = Back to services
wizard-save-later = Save and continue later
wizard-saved-later = Your application is saved. You will find it under "My drafts".
wizard-not-saved-later = Your answers could not be saved: drafts cannot be kept on this computer (see above).
# A link after the heading of check your answers that skips the answers to the submit button.
wizard-check-answers-skip = Skip to Submit
