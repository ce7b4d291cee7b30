# PakSoftSkills: English catalogue. Every user-facing string lives here and in ur.ftl (same ids).

site-name = PakSoftSkills
skip-to-content = Skip to content
# The language switch names each language in itself.
switch-to-en = English
switch-to-ur = اردو
nav-label = Main menu
nav-home = Home
nav-register = Register
nav-sign-in = Sign in
nav-sign-out = Sign out
nav-dashboard = My page
nav-profile = My profile
nav-privacy = Privacy policy
footer-owner = A service of the Overseas Employment Corporation (OEC), Government of Pakistan, with the Bureau of Emigration & Overseas Employment (BE&OE).

## Home
home-title = Soft-skills training for work abroad
home-lead = Everyone leaving Pakistan on a work visa must complete this free online course, pass its final test and hold the certificate before the Protector of Emigrants stamps the passport.
home-start = Register now
home-continue = Continue to my page
home-who-title = Who must take it
home-who-text = Every worker going abroad on a work visa through an Overseas Employment Promoter or on a direct visa: builders, drivers, nurses, hotel and restaurant staff, domestic workers, farm and factory workers, and everyone else.
home-steps-title = How it works
home-need-title = What you need to register
home-need-cnic = Your CNIC (national identity card) number.
home-need-passport = Your passport number and its expiry date.
home-need-mobile = A mobile number that can receive SMS. You will get a six-digit code on it.
home-free-title = It is free
home-free-text = The course, the test and the certificate cost nothing. Nobody may charge you money for them. You can study on your phone, in Urdu or English, at your own pace.

## Steps of the journey
step-register-title = Register
step-register-text = Create your account with your CNIC, passport and mobile number.
step-profile-title = Complete your profile
step-profile-text = Add your education and where you plan to work, so we can help you prepare.
step-learn-title = Learn
step-learn-text = Five short modules with videos, readings, quizzes and small tasks: communication, teamwork, leadership, professional behaviour, and working abroad safely.
step-test-title = Final test
step-test-text = When every module is complete, take the final test on your phone.
step-certificate-title = Certificate
step-certificate-text = Pass the test and download your digital certificate with its QR code.
step-protector-title = Protector of Emigrants
step-protector-text = Show your certificate at the Protector office to get the protector stamp on your passport.
list-common-destinations = Where most workers go
list-all-countries = All countries
list-common-occupations = Common trades
find-occupation = Find your occupation
find-occupation-hint = Type a word such as driver, mason or nurse, then choose from the list below.
find = Find
find-clear = Show all occupations
device-name-full = { $browser } on { $os } ({ $device })
device-name-os = { $browser } on { $os }
device-name-browser = { $browser }
time-pakistan = Pakistan time
step-done = Done
step-todo = Still to do

## Privacy
privacy-version = Version { $version }

## Registration
register-title = Register
register-intro = Fill in the details exactly as they are written on your CNIC and passport. It takes about five minutes.
register-identity = Your identity
register-contact = Contact and area
register-password = Password
register-consent = Your consent
register-submit = Register and send me the code
register-have-account = Already registered?
choose = Choose…
show-password = Show password
consent-intro = We use your data to train and certify you. Please read the
consent-training = I agree that my data is used for the training, the test and the certificate (required).
consent-share-with-employers = Licensed employers and recruitment agencies may find me when I am certified (optional).
consent-research = My data may be used without my name for research to improve the programme (optional).
consent-news = Send me news about jobs and the programme by SMS or email (optional).
gender-male = Male
gender-female = Female
gender-other = Other
relation-father = Father
relation-husband = Husband
language-en = English
language-ur = Urdu

## Fields (also used inside error messages)
field-cnic = CNIC number
field-passport-number = Passport number
field-passport-expiry = Passport expiry date
field-full-name = Full name
field-full-name-ur = Your name in Urdu (optional)
field-guardian-relation = Father or husband
field-guardian-name = Father's or husband's name
field-date-of-birth = Date of birth
field-gender = Gender
field-mobile = Mobile number
field-email = Email (optional)
field-province = Province or territory
field-district = District
field-language = Preferred language
field-password = Password
field-new-password = New password
field-code = Six-digit code
field-identifier = CNIC or mobile number
field-consent-training = Consent for training
field-destination = Country you plan to work in
field-occupation = Occupation
field-employer-or-oep = Employer or recruitment agency (OEP)
field-salary-amount = Expected monthly salary
field-salary-currency = Currency
field-benefits = Benefits (housing, food, transport…)
field-level = Level of education
field-institution = School, college or institute
field-year = Year completed
field-hec-verification = Ask HEC to verify this degree
field-employer = Employer
field-job-title = Job title
field-country = Country
field-from = From (month)
field-to = To (month)
field-role = Role
hint-cnic = 13 digits, for example 35202-1234567-1
hint-passport-number = Two letters and seven digits, for example AB1234567
hint-date = Day, month and year
hint-full-name = As written on your CNIC
hint-full-name-ur = As written on your CNIC, for example بلال احمد. It is printed on your certificate.
hint-mobile = For example 0300 1234567. We send the code here.
hint-email = Optional. We will send a link to check it.
hint-district = Choose the province first.
hint-language = Messages and pages will be in this language.
hint-password = At least 8 characters. A short sentence is easy to remember and hard to guess.
hint-code = The six digits in the SMS we just sent.
hint-identifier = Your CNIC (35202-1234567-1) or mobile number (0300 1234567)
hint-reset-identifier = If your family shares this mobile number, use your CNIC.
hint-occupation = Choose the closest work.
hint-employer-or-oep = If you know it.
hint-salary-amount = Whole number, for example 1500
hint-benefits = Short, for example: room and food free
hint-year = For example 2015
hint-month = Year and month
hint-to = Leave empty if you still work there.

## OTP
verify-title = Enter the code
verify-sent = We sent a six-digit code by SMS to { $number }. It works for 5 minutes.
verify-resent = A new code is on its way. The old code no longer works.
verify-submit = Confirm
verify-no-code = No SMS?
verify-resend = Send a new code
passport-expires-soon = Your passport expires in less than six months. Many countries do not give a visa on such a passport: renew it soon.

## Sign-in and password reset
sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-forgot = Forgot your password?
sign-in-new = New here?
reset-title = Reset your password
reset-intro = Enter your CNIC or mobile number. If we find your account, we send a code by SMS to its mobile number.
reset-submit = Send the code
reset-sent = If the account exists, a six-digit code is on its way to its mobile number. Enter it with your new password.
reset-complete = Save the new password
reset-again = Ask for a new code
reset-done = Your password is changed and you were signed out everywhere. Sign in with the new password.

## Email
email-verify-subject = Confirm your email for PakSoftSkills
email-verify-body = Open this link to confirm your email address: { $link } — If you did not register on PakSoftSkills, ignore this message.
email-verified-title = Email confirmed
email-verified-body = Thank you. Your email address is confirmed.
email-verified = confirmed
email-unverified = not confirmed yet: open the link we emailed you
none-given = not given

## SMS
sms-otp-register = PakSoftSkills code: { $code }. Valid { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Never share this code with anyone.
sms-register-already-registered = PakSoftSkills: this CNIC or passport is already registered, so no new account was made. Sign in, or reset your password if you forgot it.
sms-otp-reset = PakSoftSkills password reset code: { $code }. Valid { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. If you did not ask for it, ignore this SMS.

## Dashboard
dashboard-title = My page
dashboard-hello = Welcome, { $name }
dashboard-welcome = Your registration is complete. Your next step is to complete your profile.
dashboard-steps = Your steps
dashboard-staff = You are signed in as: { $role }.
dashboard-profile = My details
dashboard-edit-profile = Edit my profile
dashboard-download-data = Download all my data (a file)
dashboard-devices = My devices
dashboard-devices-intro = Phones and computers that signed in to your account. If you do not know one, sign it out and change your password.
device-app = Mobile app
device-browser = Web browser
device-last-used = Last used:
device-sign-out = Sign out this device
role-trainee = Trainee
role-protector-officer = Protector officer
role-employer-user = Employer
role-content-admin = Content administrator
role-grader = Grader
role-support-agent = Support agent
role-analyst = Analyst
role-administrator = Administrator

## Profile
profile-title = My profile
profile-intro = Keep these details up to date. They help us prepare you for your work abroad.
profile-saved = Saved.
profile-contact = Contact and area
profile-move = Where you plan to work
profile-education = Education
profile-employment = Work experience
profile-consents = Consents
profile-none-yet = Nothing added yet.
save = Save
add = Add
remove = Remove
employment-current = now
education-none = No schooling
education-primary = Primary
education-middle = Middle
education-matric = Matric
education-intermediate = Intermediate
education-diploma = Diploma (DAE)
education-vocational = Vocational certificate
education-bachelor = Bachelor's degree
education-master = Master's degree
education-doctorate = Doctorate

## Page titles by status
title-400 = The request could not be read
title-401 = Please sign in
title-403 = Not allowed
title-404 = Page not found
title-405 = Not allowed
title-409 = Not possible now
title-410 = No longer valid
title-413 = Too large
title-415 = Wrong format
title-422 = Please check your details
title-429 = Please wait
title-500 = Something went wrong
title-503 = Please try again shortly

## Errors
form-has-errors = Please correct the highlighted details.
error-required = { $field }: please fill this in.
error-cnic-format = { $field }: enter the 13 digits of your CNIC, like 35202-1234567-1.
error-cnic-region = { $field }: a CNIC cannot start with 0. Please check the number.
error-cnic-gender-mismatch = { $field }: this does not match your CNIC (its last digit is odd for men and even for women).
error-passport-format = { $field }: enter two letters and seven digits, like AB1234567.
error-date-format = { $field }: enter a real date.
error-passport-expired = { $field }: this passport has expired. Renew it before you register.
error-mobile-format = { $field }: enter a Pakistani mobile number, like 0300 1234567.
error-email-format = { $field }: this is not a valid email address.
error-too-long = { $field }: this is too long.
error-name-too-short = { $field }: enter at least 2 letters.
error-name-too-long = { $field }: use at most 100 characters.
error-name-characters = { $field }: use only letters, spaces, dots, apostrophes and hyphens.
error-choose-option = { $field }: choose one of the options.
error-dob-future = { $field }: the date of birth must be in the past.
error-dob-too-young = { $field }: you must be at least 18 years old.
error-dob-too-old = { $field }: please check the year.
error-password-too-short = { $field }: use at least 8 characters.
error-password-too-long = { $field }: use at most 128 characters.
error-password-common = { $field }: this password is too common and easy to guess. Choose another.
error-password-is-cnic = { $field }: do not use your CNIC number as your password.
error-district-not-in-province = { $field }: this district is not in the chosen province.
error-text-characters = { $field }: remove the special characters.
error-text-hidden-characters = { $field }: it holds a hidden character (a direction mark or an invisible space, often copied with the text) that would change how others see it. Type it again without pasting.
error-year-range = { $field }: enter a year between 1950 and this year.
error-month-format = { $field }: enter a year and month.
error-date-future = { $field }: this date is in the future.
error-end-before-start = { $field }: the end is before the start.
error-amount-range = { $field }: enter a whole amount above zero.
error-hec-not-applicable = { $field }: HEC verifies bachelor's, master's and doctorate degrees only.
error-destination-abroad = { $field }: choose the country abroad where you plan to work.
error-consent-required = { $field }: we need this consent to train and certify you.
error-cnic-taken = { $field }: this CNIC is already registered. Sign in, or reset your password.
error-passport-taken = { $field }: this passport is already registered with another account.
error-mobile-limit = { $field }: this number already serves the most accounts allowed. Use another number.
error-wrong-password = { $field }: the password is not right.
error-validation-failed = Some details need to be corrected.
error-not-found = We could not find this page.
error-unauthorized = Please sign in first.
error-forbidden = Your account is not allowed to do this.
error-service-unavailable = The service cannot save or load this right now (our database is busy or being repaired). Nothing from this step was saved. Please try again in a minute.
error-csrf-failed = This form expired. Please submit it again.
error-cross-site-request = This form was sent from another website, so it was not accepted. Open PakSoftSkills yourself and try again.
error-invalid-credentials = The CNIC or mobile number, or the password, is not right.
error-signin-locked = Too many wrong tries. Please try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
error-rate-limited = Too many requests. Please try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
error-otp-invalid = That code is not right. You have { $tries ->
    [one] 1 try
   *[other] { $tries } tries
} left.
error-otp-expired = This code has expired or was already used. Ask for a new code.
error-otp-attempts-exhausted = Too many wrong codes. Ask for a new code.
error-registration-expired = This registration has expired. Please register again.
error-reset-expired = That code is not right or has expired. Ask for a new code.
error-email-link-invalid = This link is not valid any more. Ask for a new one from your profile.
error-malformed-body = The request could not be read.
error-stamp-date-too-early = { $field }: a stamp cannot be dated before the certificate was issued, nor more than a month back.
error-idempotency-key-reused = This Idempotency-Key was used for another stamp.
error-name-not-urdu = { $field }: write the name in Urdu letters only.
error-protector-number-format = { $field }: use letters, digits, - and / only (at most 40).
error-protector-number-used = { $field }: this protector number was already recorded with other details.
error-passport-mismatch = { $field }: this is not the passport number registered with this CNIC.
error-date-in-future = { $field }: this date is in the future.
error-qr-not-genuine = This QR code is not a genuine PakSoftSkills certificate.
error-idempotency-key = Send an Idempotency-Key header (1–100 characters) with each stamp.
error-certificate-not-valid = This certificate is no longer valid (revoked or replaced already).
error-test-not-open = The final test opens when every module is complete.
error-test-already-passed = You have already passed the final test.
error-test-round-used = You have used every attempt of this round. A new round opens some days after your last attempt (the test page gives the date); go over the modules meanwhile.
error-test-no-attempts-left = You have used every attempt of the final test.
error-test-time-over = The time for this attempt is over; answers can no longer be changed.
error-test-in-progress = This attempt is still in progress.
error-test-answer-unknown = That answer is not one of this question's options.
error-certificate-needs-cnic = A certificate needs the CNIC on your profile.
error-media-type = { $field }: this is not a WebM or MP4 video or a WebVTT captions file (UTF-8 text starting with WEBVTT).
error-media-duration = { $field }: the length of this video could not be read. Enter it in seconds.
error-media-lesson = { $field }: choose a video lesson of the course.
error-media-not-of-lesson = This video does not belong to this lesson.
error-media-position = The video position must be a number of seconds from the start.
error-internal = Something went wrong on our side. Please try again in a few minutes.
error-method-not-allowed = This action is not allowed here.
error-payload-too-large = The request is too large.
error-unsupported-media-type = The request format is not supported.

## Learning
nav-learn = Course
learn-title = The course
learn-notice-lesson = Lesson complete. Well done.
learn-notice-task = Task done. Well done.
learn-notice-task-grading = Thank you. A trainer will read your answer; you will see the result here.
learn-all-complete = You have completed every module. The final test is your next step.
learn-continue = Continue where I left off
learn-lessons = Lessons
learn-minutes = about { $minutes } min
learn-quiz = Quiz
learn-quiz-passed = Quiz passed
learn-quiz-best = Your best score: { $percent }%.
learn-quiz-pass-mark = You need { $percent }% to pass. You can try as often as you like.
learn-quiz-again = Try the quiz again
learn-quiz-start = Start the quiz
learn-tasks = Short tasks
learn-task-grading = with a trainer
setting-unset = not yet given here: ask at the Protector office
learn-keep-reading = Please keep reading: about { $minutes ->
    [one] 1 more minute
   *[other] { $minutes } more minutes
} before this lesson counts as done.
learn-lesson-complete = You have completed this lesson.
learn-back = Back to the course
learn-reading-time = Take your time: this lesson takes about { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} to read.
learn-i-have-read = I have read this lesson
learn-i-have-read-transcript = I have read the transcript
learn-video-pending = The video of this lesson is still being made. Meanwhile, read what it says below: reading it completes the lesson just the same.
learn-transcript = Transcript: what the video says
learn-video-watch = Watch the video: the lesson counts as done when you have watched { $percent }% of it at normal speed.
learn-video-watched = Watched so far: { $percent }%.
learn-video-data = This video uses about { $mb } MB of data. It starts only when you press play.
learn-video-or-read = Cannot play the video? Read the transcript instead: it counts after about { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
learn-choose-all = Choose every answer that is right.
learn-put-in-order = Put the steps in the right order.
learn-step = Step { $number }
learn-submit-answers = Check my answers
learn-quiz-result = Your result
learn-quiz-you-passed = You passed (the pass mark is { $percent }%).
learn-quiz-try-again = Not yet: the pass mark is { $percent }%. Read the explanations below and try again.
learn-your-answer = Your answer:
learn-no-answer = (no answer)
learn-best-answer = Best answer:
learn-write-words = Write { $min } to { $max } words, in Urdu or English.
learn-submit-task = Submit
field-text = Your answer
error-lesson-not-read-yet = This lesson needs more reading time: about { $minutes ->
    [one] 1 more minute
   *[other] { $minutes } more minutes
}.
error-help-no-account = No account uses this CNIC, so no help request was opened. Register first; if registering does not work, ask at a Protector office.
error-course-unavailable = The course is not available yet. Please try again later.
error-lesson-not-open = Open the lesson first.
error-task-words = { $field }: please keep to the number of words asked for.
grading-title = Reflections to grade
grading-intro = Read each answer and tick the criteria it meets. Accept it, or return it with a short note saying what to improve. You do not see who wrote it.
grading-empty = Nothing is waiting.
grading-rubric = Criteria met
grading-accept = Accept
grading-return = Return with a note
field-note = Note to the trainee
learn-task-returned = returned: please write it again
settings-title = Course settings
settings-intro = The facts lessons refer to: helplines, fees and contacts. Enter them exactly as the responsible authority publishes them; an empty value shows trainees "{ setting-unset }". Every change is recorded.
settings-unset-title = { $count ->
    [one] Launch blocker: one course setting has no value
   *[other] Launch blockers: { $count } course settings have no value
}
settings-unset-why = Lessons cite these facts; until they are set, trainees read "{ setting-unset }" in their place. Fill each from the responsible authority's own publication.
settings-unset-open = Fill them in
field-setting = Setting
field-protector-number = Protector number
field-stamped-on = Date of the stamp
field-visa-type = Visa type
field-office = Office
field-name = Name
field-scopes = Scopes
field-passport-number-check = Passport number
field-reason = Reason
field-media = Upload
nav-settings = Settings
error-task-awaiting-grading = Your answer is with a trainer. You can write again only if it comes back to you.

## Authoring (content admins)
author-title = Course authoring
author-intro = Edit the draft of the course in both languages, check it, and publish it as a new version. Trainees keep the version they started; new trainees get the newest.
author-draft-ok = The draft passes every check: version { $version }, { $modules } modules, { $lessons } lessons, { $questions } questions, { $tasks } tasks.
author-draft-problems = { $count ->
    [one] The draft has one problem. Fix it before publishing:
   *[other] The draft has { $count } problems. Fix them before publishing:
}
author-publish = Publish the draft as a new version
author-published = Published version { $version }.
author-unchanged = This content is already published as version { $version }; nothing changed.
author-restart = Discard unpublished edits and start again from the published version
author-restarted = The draft now matches the published version.
author-export = Download the draft as content/ files (.tar.gz) for review
author-files = Files of the draft
author-course-files = The course
author-lessons = Lessons (both languages on one page)
author-new-file = Add a file
author-new-path = Path in the content folder, for example modules/01-communication/lessons/05-new-lesson.en.md
author-new-text = Text of the file
author-create = Add the file
author-created = The file was added to the draft.
author-exists = A file with this path is already in the draft: open it from the list to change it.
author-save = Save the draft
author-saved = Saved in the draft. Publish when the draft passes every check.
author-delete = Remove from the draft
author-deleted = The file was removed from the draft.
author-preview = Preview
author-preview-items = Preview the questions and tasks of this file, as reviewers check them
author-back-to-editor = Back to the editor
author-file-problems = Nothing was saved. Fix these problems first:
author-conflict = Nothing was saved: someone saved this file after you opened it. Your text is below; copy what you need, open the file again and make your change there.
author-media = Videos and captions
author-kind-poster = Poster
author-videos-made = Lesson videos made: { $made } of { $total } (one per video lesson and language).
author-videos-making = Making the rest in the background: now { $lesson } ({ $language }), { $done } of { $total } done this run.
author-videos-how = The missing videos are made when the worker starts where ffmpeg and espeak-ng are installed, or by `softskills content render-videos`; or upload them below. Until then those lessons show their transcript.
author-media-intro = Upload a video (WebM or MP4) or captions (WebVTT) for a video lesson. Trainees see the newest upload of each language.
author-media-none = No video yet: the lesson shows its transcript and is completed by reading.
author-kind-video = Video
author-kind-captions = Captions
author-lesson = Lesson
author-language = Language
author-file = File
author-duration = Length of the video in seconds (only needed if the server cannot read it)
author-upload = Upload
author-uploaded = Uploaded: trainees see it from now on.
author-size = { $kb } KB
author-seconds = { $seconds } s

## Final test
test-title = Final test
test-rules = { $questions } questions from all five modules, { $minutes } minutes on the clock, { $percent }% to pass, { $attempts } attempts.
test-not-open = The final test opens when every module is complete: its lessons, its quiz and its tasks.
test-attempts-left = Attempts used: { $used } of { $allowed }.
test-start = Start the final test
test-resume = Continue my test
test-wait = You can try again in { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
} and { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Use the time to go over the lessons.
test-new-round = You have used all { $attempts } attempts of this round. Go over the modules again; a new round of { $attempts } attempts opens on { $date }.
test-no-attempts-left = You have used every attempt. Please contact the OEC helpline.
test-your-attempts = Your attempts
test-attempt-line = Attempt { $number }: { $percent }%
test-passed = passed
test-not-passed = not passed
test-time-left = Time left: about { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. The clock keeps running if you close the page.
test-save-nojs = Press "{ test-save }" now and then: your answers are kept when you save or submit. You can change them until you submit. If the connection drops, open this page again on any phone: saved answers are still there.
test-autosave = Each answer is saved as soon as you choose it; you can change it until you submit. If the connection drops, open this page again on any phone.
test-saved = Your answers are saved.
test-save = Save my answers
test-submit = Submit the test
test-result = Your result
test-timed-out = The time ran out: the test was marked with the answers you had saved.
test-you-passed = You passed (the pass mark is { $percent }%).
test-try-again = Not yet: the pass mark is { $percent }%. Look at your score per module below and go over those lessons again.
test-by-module = Score per module
test-back = Back to the final test
test-passed-certificate = Your certificate number is { $number }.

## Certificates
certificate-title = My certificate
certificate-none = You have no certificate yet. It is issued when you pass the final test.
certificate-number = Certificate number:
certificate-name = Name:
certificate-cnic = CNIC:
certificate-issued = Issued on:
certificate-expires = Valid until:
certificate-qr-hint = The Protector of Emigrants scans this code. It can be checked even without internet.
certificate-download-png = Download the QR code (PNG)
certificate-text = The certificate as text
certificate-sms = PakSoftSkills: you passed the final test. Your certificate number is { $number }. Check it at { $link }
notice-certificate-issued-title = Your PakSoftSkills certificate
notice-certificate-issued-body = You passed the final test of the soft-skills course. Your certificate number is { $number }. You, your employer and the Protector of Emigrants can check it at { $link }
certificate-reissued-sms = PakSoftSkills: your certificate was reissued with corrected details. New number: { $number }. The old one no longer works.
notice-certificate-reissued-title = Your PakSoftSkills certificate was reissued
notice-certificate-reissued-body = OEC reissued your soft-skills certificate with corrected details. Your new certificate number is { $number }; the old certificate no longer works. Download the new one from your account, and check it at { $link }
certificate-revoked-sms = PakSoftSkills: OEC revoked your certificate { $number }. It cannot be used for the protector stamp. Ask OEC why and what to do next.
notice-certificate-revoked-title = Your PakSoftSkills certificate was revoked
notice-certificate-revoked-body = OEC revoked your soft-skills certificate { $number }. It can no longer be used for the protector stamp. Ask OEC why, and what to do next.
check-title = Check a certificate
check-intro = Type the certificate number, or scan the QR code on the certificate with your phone's camera.
check-number = Certificate number
check-number-hint = For example PSS-7KQ4-M2XD-9
check-check = Check
check-signed = The QR code's signature is genuine.
check-status-valid = Valid certificate
check-status-expired = Expired: do not stamp
check-status-revoked = Revoked: do not stamp
check-status-superseded = Replaced: do not stamp
check-status-unknown = Not found: do not stamp
check-action-valid = Before you stamp, check that the name and the last four digits of the CNIC belong to the passport holder.
check-action-expired = This certificate is past its end date. The worker needs a new certificate before the protector stamp.
check-action-revoked = OEC cancelled this certificate. Do not accept it. The worker can ask OEC why.
check-action-superseded = A newer certificate was issued to this worker. Ask for the newest certificate and check that one.
check-action-unknown = No certificate has this number. Check the number for typing mistakes, or scan the QR code.
holder-action-valid = Show this certificate at the Protector office. Officers check it by its QR code or its number.
holder-action-expired = This certificate is past its end date and cannot be used for the protector stamp. Ask OEC how to get a new one.
holder-action-revoked = OEC cancelled this certificate and it cannot be used for the protector stamp. Ask OEC why, and what to do next.
holder-action-superseded = A newer certificate replaced this one. Use the newest certificate on this page.
holder-action-unknown = No certificate has this number.
certificate-expired-on = Expired on:
check-problem-malformed = This QR code is not a PakSoftSkills certificate.
check-problem-unknown-key = This QR code was not signed by PakSoftSkills.
check-problem-bad-signature = This QR code was changed or forged: do not accept it.
check-problem-expired = This certificate has expired.
check-problem-outside-key-window = This QR code is dated after its signing key stopped being used: it is forged. Do not accept it.
check-problem-key-compromised = The key that signed this certificate was stolen, so its QR code proves nothing. Check the certificate number instead, and ask the holder to get it reissued.
certificate-download-pdf = Download the certificate (PDF)
pdf-title = Certificate: soft skills for work abroad
pdf-certifies = This certifies that the person named below completed the pre-departure soft-skills course and passed its final test.
pdf-verify = Check this certificate: scan the QR code, or type the number at the address below.
certificate-download-image = Download the certificate as a picture (PNG), for your phone
certificate-open-link = Open the verification page (what the QR code opens)

## Protector check
protector-title = Protector check
protector-or-qr = Or paste the text of the certificate's QR code
protector-look-up = Look up
protector-not-found = No registered worker has this CNIC.
protector-passport-matches = CNIC and passport number match the registration.
protector-passport-differs = The passport number does NOT match the registration. Do not stamp.
protector-no-certificate = This worker has no certificate yet.
protector-stamped-before = Stamped before:
protector-stamp-title = Record the protector stamp
protector-record-stamp = Record the stamp
protector-stamp-saved = The stamp is recorded.
protector-day-title = Today's stamps at this office
protector-show-day = Show
protector-day-empty = No stamps recorded on this day.
protector-qr-not-genuine = This QR code is not a genuine PakSoftSkills certificate.
certificate-checks = Who checked my certificate
certificate-checks-none = Nobody has checked your certificate yet.
check-via-lookup = looked up by CNIC and passport
check-via-qr = scanned the QR code
check-via-api = checked by BE&OE's system
check-via-stamp = recorded the protector stamp
visa-work = Work visa
visa-domestic-work = Domestic work visa
visa-skilled-work = Skilled work visa
visa-seasonal-work = Seasonal work visa
visa-other = Other
protector-scan = Scan with the camera
protector-scan-stop = Stop scanning
admin-cert-title = Certificates
admin-cert-revoke = Revoke this certificate
admin-cert-reissue = Reissue after a correction
admin-cert-reason-hint = Why (kept in the audit log).
admin-cert-corrected-name = Corrected name (leave empty if only the passport changed)
admin-cert-corrected-name-hint = As on the CNIC.
admin-cert-corrected-name-ur = Corrected name in Urdu script (leave empty if it was right)
admin-cert-revoked = The certificate is revoked. Verification now answers "revoked".
admin-cert-reissued = A new certificate was issued; the old one is marked as replaced.
offline-title = Check a certificate without internet
offline-intro = This page keeps working without a connection. It checks the QR code's signature on this phone, and looks the number up in the list of revoked and replaced certificates it last downloaded. Open it once a day while connected, so the list stays fresh.
offline-noscript = This check needs JavaScript. Without it, use the online check.
offline-label = The QR code's link (scan it with the camera, or paste it)
offline-check = Check
offline-list-age = List of revoked and replaced certificates: downloaded %DATE%, %HOURS% hours old.
offline-list-stale = It is more than a day old: connect to the internet and open this page again before relying on it.
offline-list-none = No list yet: open this page once while connected to the internet.
offline-list-bad = The list that came in failed its signature check and was not used.
offline-valid = Genuine, and not revoked or replaced by the list's date: %NAME%, certificate %NUMBER%, valid until %EXPIRES%.
offline-revoked = REVOKED: do not stamp. Certificate %NUMBER% was revoked.
offline-superseded = REPLACED: do not stamp this copy. Certificate %NUMBER% was replaced by a corrected one; ask the worker for the new one.
offline-expired = EXPIRED: do not stamp. Certificate %NUMBER% expired on %EXPIRES%.
offline-forged = NOT GENUINE: do not stamp. This QR code was changed or forged, or signed by a key that was not in use or was stolen.
offline-malformed = This is not a PakSoftSkills certificate's QR code.
offline-no-crypto = This browser cannot check signatures offline. Use the online check, or another phone.
protector-offline-link = Check without internet
access-title = Who accessed my data
access-intro = Every time someone other than you looked at or changed your record: protector officers, BE&OE systems, OEC support staff and administrators. Their role and office are shown, not their names.
access-none = Nobody but you has looked at or changed your record.
access-when = When
access-who = Who
access-what = What
access-download = Download all my data
access-link = Who accessed my data
access-other = Another change to your record
access-protector-lookup = Checked your certificate for the protector stamp
access-protector-stamped = Recorded the protector stamp
access-person-read = Opened your record
access-person-audit-read = Read your record's history
access-certificate-revoked = Revoked your certificate
access-certificate-reissued = Reissued your certificate with corrected details
access-role-changed = Changed your account's role
access-role-granted = Gave your account a role
access-task-graded = Graded your written task
access-test-attempt-granted = Granted you one more test attempt
role-beoe-system = BE&OE computer system

# My privacy (/my-data/privacy)
my-privacy-title = My privacy
my-privacy-intro = What your data is used for, and the choices you have made. A change takes effect at once, everywhere.
my-privacy-saved = Saved: { $purpose }.
my-privacy-choices = Your choices
my-privacy-choices-intro = These uses need your consent. You can give or withdraw each one at any time.
my-privacy-law = Required by law
my-privacy-law-intro = The law requires these uses, so they are not a choice. They are shown so that you know about them.
my-privacy-history = Your consent history
my-privacy-history-none = You have not given or withdrawn any consent yet.
my-privacy-purpose = Use
my-privacy-change = Change
my-privacy-channel = Where
my-privacy-link = My privacy and consents
consent-state-given = You have given this consent.
consent-state-not-given = You have not given this consent.
consent-state-ask-again = The wording has changed since you agreed. Please read it and give your consent again if you still agree.
consent-state-law = Required by law
consent-give = I agree
consent-withdraw = Withdraw my consent
consent-given = Given
consent-declined = Not given
consent-withdrawn = Withdrawn
consent-channel-registration = Registration form
consent-channel-web = Website
consent-channel-api = Mobile app
consent-channel-staff = OEC staff, at your request
consent-channel-before-ledger = Not recorded
profile-consents-moved = Your consents are on the "My privacy" page, with what each one means and their history.
field-purpose = Use of your data
field-granted = Your choice
error-consent-required-by-law = { $field }: the law requires this use, so it cannot be withdrawn. To stop it, ask for your account to be deleted.
error-unknown-purpose = { $field }: there is no such use of your data.

# My passport and mobile (/my-data/identity)
identity-title = My passport and mobile
identity-link = My passport and mobile number
identity-intro = Renewed your passport or changed your SIM? Update them here, so that the Protector's office finds your certificate and our messages reach you.
identity-passport = Passport
identity-passport-saved = Your new passport is saved. The Protector's office will find your certificate with it.
identity-earlier-passports = Earlier passports
identity-replaced-on = replaced on { $when }
identity-renew = I have a new passport
identity-renew-intro = Enter the new passport's number and expiry date, and add a clear photo of its page with your photo and details. We keep your old passport in your history.
identity-renew-submit = Save my new passport
identity-mobile = Mobile number
identity-mobile-intro = To change it, enter the new number and your password. We send a code to the new number.
identity-mobile-submit = Send the code to my new number
identity-mobile-saved = Your mobile number is changed. We sent an SMS to the old and the new number.
identity-mobile-lost = Lost your old SIM and cannot sign in? OEC support can change the number for you after checking your CNIC.
identity-code-title = Confirm your new number
identity-code-again = Start again with another number
field-new-passport-number = New passport number
field-photo = Photo of the new passport's data page
field-evidence = Document checked
field-new-mobile = New mobile number
hint-evidence = A photo (JPEG, PNG or WebP) or a PDF, at most { $mb } MB.
error-evidence-required = { $field }: please add the file.
error-evidence-type = { $field }: this file is not a photo or a PDF. Please add a JPEG, PNG or WebP photo, or a PDF.
error-passport-same = { $field }: this is the passport we already have.
error-passport-unusable = { $field }: this passport number cannot be used here. If it is yours, contact OEC support.
error-password-incorrect = { $field }: this is not your password.
error-mobile-same = { $field }: this is the number we already have.
error-cnic-mismatch = { $field }: this is not the CNIC of this account.
protector-passport-replaced = This passport was replaced by a renewed one on { $when }. Ask for the new passport before stamping.
access-identity-mobile-changed = Changed your mobile number
sms-otp-mobile = PakSoftSkills code for your new mobile number: { $code }. Valid { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Never share it.
sms-otp-help = PakSoftSkills code for your help request: { $code }. Valid { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Never share it.
sms-mobile-changed = PakSoftSkills: the mobile number of your account has just been changed. If you did not ask for this, contact OEC support at once.

# Support desk (/support)
support-title = Support desk
support-intro = Find a worker by one of CNIC, mobile number or certificate number. Say why: every look-up is recorded, and the worker sees it in "who accessed my data".
hint-support-reason = For example: caller asked why their certificate is not found
support-find = Find
support-found = Found
support-none = Nobody found with this number.
support-since = registered { $when }
support-pending = A registration started { $when } and waiting for its code
support-resend = Send a new code
support-resent = A new code was sent to the worker's phone.
support-back = Back to the support desk
support-journey-title = A worker's journey
support-registered = Registered
support-identity-changes = Identity changes
support-passport-renewals = { $count ->
    [one] 1 passport renewal
   *[other] { $count } passport renewals
}
support-mobile-changes = { $count ->
    [one] 1 mobile change
   *[other] { $count } mobile changes
}
support-consents = Consents in effect
support-course = Course
support-lessons = { $count ->
    [one] 1 lesson done
   *[other] { $count } lessons done
}
support-quizzes = { $count ->
    [one] 1 quiz passed
   *[other] { $count } quizzes passed
}
support-sign-in = Sign-in
support-last-lock = last locked { $when }
support-never-locked = never locked
support-attempts = Final test attempts
support-no-attempts = No attempt yet.
support-attempt = Attempt { $count }
support-passed = passed
support-not-passed = not passed
support-grants-unused = { $count ->
    [one] 1 extra attempt granted and not yet used.
   *[other] { $count } extra attempts granted and not yet used.
}
support-certificates = Certificates
support-no-certificates = No certificate yet.
support-actions = Actions
support-actions-intro = Each action needs a reason and is recorded. You never see the worker's password or codes.
support-unlock = Unlock sign-in
support-unlocked = Sign-in is unlocked. The worker can try again now.
support-grant = Grant one more test attempt
support-granted = One more test attempt is granted.
support-change-mobile = Change the mobile number
support-change-mobile-intro = Only after checking the person: their CNIC card in front of you, and a document you upload (a photo or a PDF). Both numbers get an SMS.
support-mobile-changed = The mobile number is changed. Both numbers were told by SMS.
hint-support-cnic = The CNIC on the card you checked.
field-certificate = Certificate number
error-one-identifier = { $field }: give exactly one of CNIC, mobile number or certificate number.
access-support-lookup = OEC support looked you up
access-support-journey-read = OEC support opened your record
access-support-sign-in-unlocked = OEC support unlocked your sign-in
error-certificate-number = { $field }: this is not a certificate number. It starts with PSS, as printed under the QR code on the certificate.

# Help desk (/help, /support/tickets)
help-title = Help
help-link = Help and my requests
help-intro = Ask OEC for help: a problem signing in, with the course or a video, the test, your certificate, a complaint about an employer or promoter, or a request about your data. You get a number by SMS and our answer here and by SMS.
help-mine = My requests
help-new = A new request
help-send = Send
help-ticket-title = Help request
help-number = Number
help-opened = Your request { $number } is received. We sent its number by SMS.
help-from-support = OEC support
help-from-you = You
help-file = Attached file
help-reply = Write again
help-closed = This request is closed. If you need more help, send a new request.
field-category = What is it about?
field-subject = Subject
field-message = Message
field-file = A file (optional)
field-status = Status
field-canned = Ready answer
field-internal = Internal note
field-assign-to-me = Take it
ticket-category-cannot-sign-in = I cannot register or sign in
ticket-category-course-or-video = The course or a video
ticket-category-test = The test
ticket-category-certificate = My certificate
ticket-category-complaint = A complaint about an employer or promoter
ticket-category-data-request = A request about my data
ticket-category-other = Something else
ticket-status-new = New
ticket-status-open = Open
ticket-status-waiting = Waiting for your answer
ticket-status-resolved = Resolved
ticket-status-closed = Closed
desk-queue-title = Help requests
desk-not-done = Not resolved or closed
desk-any = Any
desk-assigned = Taken by
desk-mine = Me
desk-nobody = Nobody
desk-escalated = Escalated
desk-escalated-only = Escalated only
desk-filter = Show
desk-empty = No request matches.
desk-overdue = Overdue
desk-note = Internal note
desk-from-worker = Worker
desk-answer = Answer
desk-canned = Ready answer
desk-canned-hint = Leave the message empty to send the ready answer in the worker's language.
desk-no-canned = None
desk-internal = Internal note: the worker does not see it
desk-status-auto = Waiting for the worker after a reply; unchanged after a note
desk-take = Take this request
desk-send = Save
error-ticket-closed = This request is closed. Please send a new one.
access-ticket-read = OEC support read your help request
access-ticket-replied = OEC support answered your help request
access-ticket-note-added = OEC support worked on your help request
access-ticket-updated = OEC support worked on your help request
access-ticket-file-read = OEC support opened a file you attached
sms-ticket-opened = PakSoftSkills: your help request { $number } is received. We will answer in the app and by SMS.
sms-ticket-reply = PakSoftSkills: OEC support answered your help request { $number }. Open Help in the app to read it.

# Requests about my data (/my-data/requests, /support/data-requests)
requests-title = Requests about my data
requests-link = Requests about my data
requests-intro = You can see all the data we keep about you, ask us to correct it, ask us to delete your account, or withdraw every consent at once. Each request gets a number, and you see every step here.
requests-new = A new request
requests-deadline = answer due by { $when }
requests-deadline-label = Answer due by
requests-correction-intro = For a correction, choose what is wrong, write the right value, and add a photo of a document that shows it (your CNIC, passport or birth certificate). OEC staff check it before anything changes.
field-kind = What do you ask for?
field-field = What is wrong
field-value = The right value
hint-value = As on your CNIC. A date as YYYY-MM-DD.
field-evidence-worker = A photo of the document that shows it
field-decision = Decision
request-kind-access = See all my data
request-kind-access-hint = Done at once: the download holds everything we keep about you.
request-kind-correction = Correct my details
request-kind-correction-hint = Your name, your name in Urdu, your father's or husband's name, your date of birth or your CNIC.
request-kind-deletion = Delete my account
request-kind-deletion-hint = What the law requires about an issued certificate and a protector stamp is kept; we explain what when we answer.
request-kind-withdraw-consents = Withdraw every consent
request-kind-withdraw-consents-hint = Done at once. What the law requires goes on.
request-status-received = Received
request-status-in-progress = Being handled
request-status-done = Done
request-status-refused = Refused
desk-requests-title = Requests about data
desk-evidence = The evidence file
desk-journey = The worker's journey
desk-decide = Decision
hint-decision-note = Required when you refuse: the worker reads it.
desk-approve = Approve and carry it out
desk-refuse = Refuse
error-request-cannot-approve = { $field }: this request cannot be applied from here. Refuse it with a reason, or handle it by hand.
error-request-decided = This request has already been decided.
error-cnic-unusable = { $field }: this CNIC cannot be used here.
access-data-request-read = OEC staff read your request about your data
access-data-request-done = OEC staff carried out your request about your data
access-data-request-refused = OEC staff refused your request about your data
access-account-erased = OEC staff erased your account, as you asked
sms-data-request-done = PakSoftSkills: your request { $number } about your data is done. See My data in the app.
sms-data-request-refused = PakSoftSkills: your request { $number } about your data was refused. See the reason in the app.
sms-account-erased = PakSoftSkills: your request { $number } is done: your account and personal data are deleted. Your certificate stays on record as the law requires.

# The notifications centre (/notices): every message the portal sends, also in the app
notices-title = My messages
notices-link = My messages
notices-intro = Every message we send you by SMS or email is also kept here, so you can read it again. Codes for signing in are never kept.
notices-none = No messages yet.
notices-new = New
notices-unread = { $count ->
    [one] 1 new
   *[other] { $count } new
}
notices-read-one = Mark as read
notices-read-all = Mark all as read
notice-email-footer = You can read all your messages in the app: { $link }
notice-mobile-changed-title = Your mobile number was changed
notice-mobile-changed-body = The mobile number of your account has been changed. If you did not ask for this, open a help request at once or ask for help at a Protector office.
notice-ticket-opened-title = We received your help request
notice-ticket-opened-body = Your help request { $number } is received. We answer in the app and tell you by SMS.
notice-ticket-reply-title = OEC support answered you
notice-ticket-reply-body = OEC support answered your help request { $number }. Open Help to read the answer.
notice-data-request-done-title = Your request about your data is done
notice-data-request-done-body = Your request { $number } about your data is done. Open Requests about my data to see what was done.
notice-data-request-refused-title = Your request about your data was refused
notice-data-request-refused-body = Your request { $number } about your data was refused. Open Requests about my data to read the reason.
notice-policy-changed-title = { $document ->
    [terms] Our terms of use changed
   *[other] Our privacy policy changed
}
notice-policy-changed-body = On { $date } we published a new version of our { $document ->
    [terms] terms of use
   *[other] privacy policy
}. Please read what changed: it is shown on your page until you say you have read it.
sms-policy-changed = PakSoftSkills: our privacy policy or terms changed. Read what changed in the app.

# Policy versions (/privacy, /terms, /policies, /admin/policies)
policy-document-privacy = Privacy policy
policy-document-terms = Terms of use
policy-published-on = Published on
policy-not-in-force = This is an older version. It is no longer in force.
policy-history-link = Every version and what changed
policy-history-title = Versions of our policies
policy-history-intro = Each time we change the privacy policy or the terms of use, the new version is published here with its date and what changed. A material change is announced to every worker by SMS and in the app.
policy-material = Material change
policy-changes-title = We changed our policies
policy-changes-consents = Where the wording of a choice changed, we ask you again for that choice:
policy-changes-seen = I have read this
admin-policies-title = Privacy policy and terms of use
admin-policies-intro = Publish a new version in both languages. Write headings on their own line starting with "## " and leave an empty line between paragraphs. A material change is announced to every worker; a new wording of a choice makes the change material and asks every worker for that choice again.
admin-policies-published = The new version is published.
admin-policies-publish = Publish this version
admin-policies-wording = A new wording of a choice (optional)
admin-policies-wording-hint = Only for the privacy policy. Consents given under the old wording stop counting until the worker gives them again.
admin-policies-no-wording = No change of wording
field-document = Document
field-version = Version
hint-policy-version = Letters, digits, dots and dashes, for example 2027-01
field-material = Material change: tell every worker
field-summary-en = What changed, in English
field-summary-ur = What changed, in Urdu
field-body-en = The text in English
field-body-ur = The text in Urdu
field-wording-purpose = The choice
field-wording-title-en = Its title in English
field-wording-title-ur = Its title in Urdu
field-wording-text-en = Its text in English
field-wording-text-ur = Its text in Urdu
error-policy-version-format = { $field }: use only letters, digits, dots and dashes (at most 20).
error-policy-version-taken = { $field }: this document already has this version.
error-policy-headings-differ = { $field }: the two languages must have the same headings.
nav-terms = Terms of use
support-notices = Messages sent
delivery-channel-sms = SMS
delivery-channel-sms_previous = SMS to the number before
delivery-channel-email = Email
delivery-status-queued = waiting
delivery-status-sent = sent
delivery-status-failed = failed after retries
delivery-attempts = { $count ->
    [one] 1 try
   *[other] { $count } tries
}

# The public FAQ (/help/faq)
nav-faq = Questions and answers
faq-title = Questions and answers
faq-intro = Answers to the questions workers ask most. Tap a question to read its answer.
faq-more = Not answered here? Ask us:
faq-topic-register = Registering
faq-topic-course = The course
faq-topic-test = The final test
faq-topic-certificate = The certificate
faq-topic-account = Your account
faq-topic-privacy = Your data and privacy
faq-topic-help = Getting help

# A password reset a support agent starts (/support/users/{id}); the worker finishes it
reset-have-code = I already have a code
reset-have-code-intro = Enter your CNIC or mobile number, the six-digit code we sent by SMS, and your new password.
support-reset = Send a password-reset code
support-reset-intro = The worker gets a code by SMS and sets a new password under "Forgot your password?", then "I already have a code". You never see the code.
support-reset-started = A password-reset code is on its way to the worker's mobile.
access-support-password-reset-started = OEC support sent you a password-reset code

# Help without signing in (/help/without-sign-in)
help-guest-title = Ask for help without signing in
help-guest-link = Cannot sign in? Ask for help
help-guest-intro = If you cannot sign in (a lost SIM, a forgotten password, a locked account), write to us here. We send a code to the mobile number you have now; once you type it, your request reaches OEC support and we answer by SMS on that number.
help-guest-mobile = The mobile number you have now
help-guest-mobile-hint = The code and our answers go to this number. It may be different from the one on your account.
help-guest-send-code = Send me a code
help-guest-code-sent = We sent a six-digit code to the number you gave. Type it here to send your request.
help-guest-confirm = Send my request
help-guest-again = Start again
help-guest-done = Your request is received. Its number:
help-guest-done-next = We answer by SMS on the number you gave, and in the app once you can sign in again. Keep the number to ask about it.
help-reply-also-to = Asked without signing in: every answer also goes by SMS to

## Organisations that recruit (issue 14): the application, OEC's decisions, their users.
field-organisation-kind = Type of organisation
field-legal-name = Legal name
field-address = Address
field-contact-name = Contact person
field-contact-mobile = Contact person's mobile
field-contact-email = Contact person's email
field-licence-number = BE&OE licence number
field-licence-expires-on = Licence valid until
field-registration = Registration document (PDF)
field-licence = Licence (PDF)
field-invitation = Invitation code
org-kind-foreign-employer = Foreign employer
org-kind-recruitment-agency = Recruitment agency
org-kind-oep = Overseas Employment Promoter (OEP), licensed by BE&OE
org-status-applied = Waiting for OEC
org-status-returned = Returned for correction
org-status-approved = Approved
org-status-rejected = Rejected
org-status-suspended = Suspended
org-status-blacklisted = Blacklisted
org-by-oec = OEC
org-by-applicant = The applicant
org-by-system = Licence check
org-decision-approve = Approve
org-decision-return = Return for correction
org-decision-reject = Reject
org-decision-suspend = Suspend
org-decision-reinstate = Reinstate
org-decision-blacklist = Blacklist
org-document-registration = Registration document
org-document-licence = Licence
org-hint-country = An OEP is in Pakistan; a foreign employer is abroad.
org-hint-contact-mobile = A Pakistani mobile number: our messages and, once approved, your invitation code come to it.
org-hint-contact-email = The link to follow your application and our reasons come to this address.
org-licence-legend = OEPs only
org-hint-licence-number = As printed on your BE&OE licence, for example 3456/RWP.
org-hint-pdf = A PDF of at most { $mb } MB.
org-apply-title = Apply as an employer or recruiter
org-apply-intro = Foreign employers, recruitment agencies and licensed Overseas Employment Promoters (OEPs) apply here to find certified workers. OEC checks every application and its documents before approving it.
org-apply-send = Send the application
org-application-title = Your application
org-applied = Your application is received. Its number:
org-applied-link = Keep the link below: it is the only way to follow your application and to correct it if OEC returns it. We also emailed it to you.
org-applied-open = Open your application
org-number = Number
org-reason = OEC's reason
org-history = History
org-correct-title = Correct and send again
org-correct-intro = OEC returned your application with the reason above. Correct what it names and send it again; choose new PDFs only if they change.
org-correct-send = Send it again
org-join-title = Join your organisation
org-join-intro = Type the invitation code from the SMS, the mobile number it came to, and choose a password. You then sign in with that mobile number.
org-join-send = Join
org-joined = You are now a user of { $name }. Sign in with your mobile number and password.
org-hint-invitation = Like IN-7KQ4-M2XD, from the SMS.
org-mine-title = My organisation
org-members = Users
org-invite-title = Invite a colleague
org-invited = The invitation code is on its way by SMS.
org-hint-invite-mobile = A Pakistani mobile number: the code goes to it and it is how they sign in.
org-invite-send = Send the invitation
org-admin-title = Organisations
org-filter = Show
org-application = The application
org-complaints = Complaints at the help desk
org-no-complaints = No complaint names this organisation.
org-hint-reason = Always required: the applicant reads it.
org-decide-send = Record the decision
org-email-subject = PakSoftSkills: your organisation's application { $number }
org-email-reason = OEC's reason: { $reason }
org-email-link = Follow your application here: { $link }
sms-org-applied = PakSoftSkills: application { $number } is received. We emailed you a link to follow it.
sms-org-resubmitted = PakSoftSkills: corrected application { $number } is received. OEC will check it again.
sms-org-approved = PakSoftSkills: application { $number } is approved. Your invitation code comes in the next SMS.
sms-org-returned = PakSoftSkills: OEC returned application { $number } for correction. See the reason by email.
sms-org-rejected = PakSoftSkills: OEC rejected application { $number }. See the reason by email.
sms-org-suspended = PakSoftSkills: organisation { $number } is suspended. See the reason by email.
sms-org-reinstated = PakSoftSkills: organisation { $number } is approved again.
sms-org-blacklisted = PakSoftSkills: OEC blacklisted organisation { $number }. See the reason by email.
sms-org-invited = PakSoftSkills invitation code: { $code }. Enter it at Join your organisation.
error-oep-in-pakistan = { $field }: an OEP is licensed in Pakistan; choose Pakistan.
error-document-required = { $field }: please attach it.
error-document-pdf = { $field }: this file is not a PDF.
error-licence-format = { $field }: use the number as printed on the licence, for example 3456/RWP.
error-licence-expired = { $field }: this licence has expired.
error-licence-taken = { $field }: another application already uses this licence.
error-organisation-decision-order = { $field }: this decision cannot be taken now.
error-organisation-not-returned = This application is not waiting for a correction.
error-organisation-not-active = Your organisation is not approved, or is suspended or blacklisted, so its users cannot act. Ask OEC.
error-invitation-invalid = { $field }: this code is wrong, used or expired, or was not sent to this mobile number.
field-organisation = The employer or OEP (for a complaint)
help-hint-organisation = Optional: its licence number or its OEC number (OR-…), so OEC sees your complaint on its record.
error-organisation-unknown = { $field }: no organisation with this licence number or OEC number is known.
home-recruiters-title = For employers and recruiters
home-recruiters-text = Foreign employers, recruitment agencies and licensed OEPs apply to OEC to find certified workers who agreed to be found.
field-q = Licence number or name
registers-title = Check an OEP or an employer
registers-intro = Before you pay anyone for a job abroad, check here that the promoter is licensed and in good standing. Only OEPs OEC has approved are listed. Recruiters who are not here, or are suspended or blacklisted, must not take your money.
registers-hint = The licence number (for example 3456/RWP) or at least three letters of the name.
registers-search = Check
registers-results = What we found
registers-none = No approved OEP has this licence number or name. Do not pay this agent; ask at a Protector office.
registers-standing-valid = Licensed and approved
registers-standing-expired = Licence expired
registers-standing-suspended = Suspended
registers-standing-blacklisted = Blacklisted
registers-since = since
registers-blacklist-title = Employers OEC has blacklisted
registers-blacklist-empty = No employer is blacklisted.
registers-home = whether a promoter is licensed, and which employers are blacklisted.
error-register-query = { $field }: type the licence number or at least three letters of the name.
field-city = City
field-positions = Number of positions
field-salary-min = Lowest monthly salary
field-salary-max = Highest monthly salary
field-currency = Currency
field-contract-months = Contract length in months
field-experience-years = Years of experience
field-education = Least education
field-languages = Languages
field-age-min = Lowest age
field-age-max = Highest age
field-closes-on = Closing date
error-salary-range = { $field }: the highest salary cannot be below the lowest.
error-age-range = { $field }: the highest age cannot be below the lowest.
error-closing-date-range = { $field }: choose a date after today and within a year.
error-demand-not-returned = This demand is not waiting for a correction.
error-demand-not-submitted = This demand is not waiting for OEC's review.
demand-title = Job demand
demand-list-title = Our job demands
demand-queue-title = Job demands to review
demand-none = No job demand yet.
demand-new = Post a job demand
demand-new-intro = OEC reviews every demand before workers see it. Give the terms exactly as the contract will say them.
demand-send = Send to OEC
demand-number = Demand number
demand-salary = Monthly salary
demand-any = Any
demand-hint-languages = Optional, for example Arabic, English.
demand-driving-licence = A driving licence is required
demand-age-legend = Age range, only where the destination's law requires one
demand-hint-note = Required when you return it: the organisation reads it.
demand-status-submitted = Waiting for OEC
demand-status-returned = Returned for correction
demand-status-approved = Open
demand-status-closed = Closed
demand-benefit-accommodation = Accommodation
demand-benefit-food = Food
demand-benefit-transport = Transport
demand-benefit-medical = Medical care
demand-benefit-air-ticket = Air ticket
field-review-note = Note to the organisation
jobs-title = Jobs abroad
jobs-intro = Job demands OEC has checked and approved. Read the terms; if one suits you, say you are interested and the employer may invite you to an interview. Never pay anyone to be put on a list.
jobs-fitting = These fit the destination and occupation you gave.
jobs-see-all = See every open job
jobs-all = Every open job.
jobs-set-move = Give your destination and occupation in your profile
jobs-none = No open job here right now.
jobs-closes = closes { $date }
jobs-interested = You are interested
jobs-employer = Employer or OEP
jobs-positions-left = Positions left
jobs-check = Check the OEP on the public register before you pay anything:
jobs-interest = I am interested
jobs-interest-recorded = We told the employer you are interested. They may invite you to an interview.
error-jobs-need-certificate = Jobs abroad are shown only to workers with a valid certificate. Finish the course and pass the final test first.
error-demand-closed = This job is closed.
nav-jobs = Jobs abroad
demand-interested = Workers interested
agreement-title = Agreements
agreement-none = No agreement recorded yet.
agreement-partner = Partner
agreement-period = Period
agreement-progress = Positions
agreement-progress-value = { $demanded } demanded, { $filled } filled, of a quota of { $quota }
agreement-add-demand = Put a demand under it (its JD- number)
agreement-add = Add
agreement-new = Record an agreement
agreement-hint-partner = The partner organisation's OR- number; leave it empty for a government-to-government agreement.
agreement-hint-country = For a government-to-government agreement: the country's two-letter code, for example SA.
agreement-record = Record the agreement
field-title = Title
field-partner-organisation = Partner organisation
field-partner-country = Partner country
field-sectors = Sectors
field-quota = Quota of positions
field-starts-on = Starts on
field-ends-on = Ends on
field-demand = Demand number
error-agreement-partner = { $field }: name either a partner organisation or a partner country, one of the two.
error-demand-unknown = { $field }: no demand has this number.
error-agreement-other-partner = { $field }: this demand belongs to another organisation than the agreement's partner.

## Candidate search (issue 14, item 5)
candidates-title = Find workers
candidates-intro = Only workers who hold a valid certificate and agreed to be found by employers and licensed promoters appear here. A result shows no name or contact details; those are shared only when a worker accepts an interview.
candidates-hint-occupation = Workers who want this work or have done it.
candidates-any = Any
candidates-field-destination = Wants to go to
candidates-field-education = Education, at least
candidates-field-experience = Years of work, at least
candidates-field-language = Speaks
candidates-field-text = Skills or work history
candidates-hint-text = Words such as "welding" or "forklift"; each word must appear.
candidates-field-demand = Interested in my demand
candidates-hint-demand = A demand number such as JD-…: only workers who said they are interested in it.
candidates-search = Search
candidates-found = { $count ->
    [one] 1 worker found
   *[other] { $count } workers found
}
candidates-none = No worker matches. Try fewer conditions.
candidates-no-occupation = Occupation not given
candidates-years = { $years } years of work
candidates-points = { $points } points
candidates-pages = Pages of results
candidates-reason-wants-occupation = wants to work as { $occupation }
candidates-reason-worked-in-occupation = has worked in this occupation
candidates-reason-wants-destination = wants to go to { $country }
candidates-reason-years = { $years } years of work
candidates-reason-interested = said they are interested in your demand
candidates-reason-words = skills or work history hold your words
candidate-title = Worker's profile
candidate-private = Name, CNIC, passport, mobile number, date of birth and address are not shown. Contact details are shared when the worker accepts an interview invitation. The worker sees that your organisation opened this profile.
candidate-wants-occupation = Wants to work as
candidate-age = Age
candidate-certified-on = Certificate since
candidate-interested-in = Interested in your demands
candidate-work = Work history
candidate-education = Education
candidate-none-given = None given.
candidate-now = now
candidate-driving-licence = Driving licence
candidate-yes = Yes
candidate-no = No
candidate-views-left = You may open { $count } more profiles today.
views-title = Who viewed my profile
views-intro = Each time an employer or a licensed promoter opened your profile. They see no name, CNIC, passport, mobile number or address. To stop being found, withdraw the consent to share your profile with employers.
views-privacy = My privacy
views-none = No organisation has opened your profile.
views-who = Organisation
skills-title = My skills for employers
skills-intro = Employers and licensed promoters who search for workers see this, if you have a valid certificate and agreed to be found.
skills-field = Skills
skills-hint = What you can do, in your own words (up to 500 characters).
skills-languages = Languages I speak
skills-driving-licence = I hold a driving licence
skills-saved = Your skills are saved.
ranking-title = How workers are found and ordered
ranking-who = Only workers who hold a valid certificate and have agreed to share their profile with employers and licensed promoters can be found. Withdrawing that consent removes a worker from every search at once.
ranking-filters = An organisation chooses conditions (occupation, destination, district, education, years of work, language, driving licence, words from skills and work history, interest in one of its demands). Every worker shown meets all of them.
ranking-order = Order of the results
ranking-rule = The worker…
ranking-points = Points
ranking-wants-occupation = wants to work in the occupation searched for
ranking-worked-in-occupation = has worked in the occupation searched for
ranking-wants-destination = wants to go to the country searched for
ranking-years-of-work = one point for each year of work, up to
ranking-ties = More points come first. With equal points, the worker who has held a certificate longest comes first.
ranking-never = Nothing else counts: no payment, no agent and no one's say can move a worker up the list.
ranking-allowance = A search shows no name or contact details. Each organisation user can open { $count } different profiles a day, and the worker sees every one.
ranking-worker = Workers: to be found for the work you can do, add your skills and languages.
error-search-needs-criterion = { $field }: choose at least an occupation, a destination, a district or a language, or type a word or a demand number.
error-profile-views-used-up = You have opened today's allowance of different workers' profiles. You can open more tomorrow; profiles you opened today stay open to you.

## The placement pipeline (issue 14, item 6)
notice-placement-step-title = { $step ->
    [invite] An interview invitation
    [offer] A job offer
    [not_selected] Not selected this time
    [withdraw] An organisation took you off its shortlist
    [service_charge] Confirm the fee you paid
   *[other] News about a job
}
notice-placement-step-body = { $step ->
    [invite] { $organisation } invites you to an interview for job demand { $number }. Open "My job applications" to accept or decline.
    [offer] { $organisation } offers you the job of demand { $number }. Open "My job applications" to read the offer and accept or decline.
    [not_selected] { $organisation } did not select you for job demand { $number }. Other jobs are open to you.
    [withdraw] { $organisation } took you off the shortlist of job demand { $number }.
    [service_charge] { $organisation } recorded the service charge you paid for job demand { $number }. Open "My job applications" to see the receipt and say what you actually paid.
   *[other] There is news about job demand { $number } from { $organisation }.
}
sms-placement-step = { $step ->
    [invite] PakSoftSkills: an interview invitation. Answer here: { $short_link }
    [offer] PakSoftSkills: a job offer for you. Answer here: { $short_link }
    [service_charge] PakSoftSkills: confirm the fee you paid: { $short_link }
   *[other] PakSoftSkills: news about a job. See { $short_link }
}
error-candidate-unknown = { $field }: this worker cannot be shortlisted: they are not certified or no longer agree to be found.
error-placement-step-order = This step cannot be taken now: the application is at another step. Open it again to see where it stands.
error-placement-wrong-party = This step is not yours to take: the worker answers invitations and offers, the organisation takes the other steps, and the protector stamp clears a placement.
error-placement-offer-held = You have already accepted another job offer. Only one offer can be accepted at a time.
error-interview-time-range = { $field }: give a date and time from now to a year ahead, Pakistan time.
error-interview-link = { $field }: an online interview needs its link, starting with https://
error-departure-date-range = { $field }: the departure date must be today or within the past year.
placement-title = Job application
placement-mine-title = My job applications
placement-mine-intro = When an employer or a licensed promoter shortlists you for a job, it shows here: the interview invitation, the offer, and each step until you leave. Check any offer's demand number on the public registers.
placement-shortlist-title = Shortlist and applications
placement-none = Nothing yet.
placement-shortlist = Shortlist for a demand
placement-no-open-demand = Your organisation has no open, approved demand to shortlist for.
placement-for-demand = Demand
placement-interview = Interview
placement-offer = Offer
placement-departed-on = Departure date
placement-contact = Name and contact
placement-open-profile = Open the profile
placement-timeline = What happened
placement-mode-in-person = In person
placement-mode-online = Online
placement-field-interview-at = Date and time (Pakistan time)
placement-hint-interview-at = For example 2027-01-15 10:30.
placement-field-mode = How
placement-field-place = Where, or the link
placement-hint-place = The OEC office or address; for an online interview its link (https://…).
placement-field-salary = Monthly salary
placement-field-terms = Terms of the offer
placement-field-note = Note (optional)
placement-step-invite = Invite to an interview
placement-step-accept-invitation = Accept the interview
placement-step-decline-invitation = Decline the interview
placement-step-interviewed = Interviewed: passed
placement-step-not-selected = Not selected
placement-step-offer = Select with an offer
placement-step-accept-offer = Accept the offer
placement-step-decline-offer = Decline the offer
placement-step-visa = Visa and documents done
placement-step-clear = Protector clearance
placement-step-departed = Departed
placement-step-withdraw = Take off the shortlist
placement-status-shortlisted = Shortlisted
placement-status-invited = Invited to an interview
placement-status-declined = Interview declined
placement-status-accepted = Interview accepted
placement-status-interviewed = Interviewed
placement-status-not-selected = Not selected
placement-status-offered = Offer made
placement-status-offer-accepted = Offer accepted
placement-status-offer-declined = Offer declined
placement-status-visa = Visa and documents
placement-status-cleared = Cleared by the Protector
placement-status-departed = Departed
placement-status-withdrawn = Taken off the shortlist
placement-by-organisation = by the organisation
placement-by-worker = by the worker
placement-by-service = by the Protector's stamp

## HEC verification (issue 14, item 7)
hec-title = Degree verification by HEC
hec-intro = Employers see a "verified by HEC" mark next to a degree the Higher Education Commission has verified. To ask for it, tick "Ask HEC to verify this degree" when you add a bachelor's degree or higher to your profile, and give the consent to send your degree to HEC.
hec-queue-intro = Degrees workers asked to have verified, with their consent. Send each to HEC, then record HEC's answer here; the worker and the employers who search see it at once.
hec-none = No degree of bachelor level or higher.
hec-reference = HEC reference number
hec-date = Date of HEC's answer
hec-record = Record the result
hec-status-not-asked = Not asked for
hec-status-needs-consent = Waiting for your consent to send it to HEC
hec-status-waiting = Waiting to be sent to HEC
hec-status-sent = Sent to HEC
hec-status-verified = Verified by HEC
hec-status-not-verified = Not verified by HEC

## Placement statistics (issue 14, item 8)
stats-title = Placement statistics
stats-intro = Counts only: no worker is named. Choose a period and how to group the figures.
stats-from = From
stats-to = To
stats-by = Group by
stats-by-country = Destination country
stats-by-occupation = Occupation
stats-by-agreement = Agreement
stats-show = Show
stats-csv = Download this table (CSV)
stats-agreements = Agreements
stats-demands = Demands approved
stats-positions = Positions
stats-interest = Interest
stats-interviews = Interviews
stats-selections = Selections
stats-offers-accepted = Offers accepted
stats-departures = Departures
stats-median-days = Days to first departure (median)
stats-p90-days = Days to first departure (90th percentile)
stats-total = Total
stats-no-agreement = Outside any agreement
stats-chart = Departures
stats-definitions = Demands and positions: first approved by OEC in the period. Interest, interviews (passed or not selected), selections (offers made), offers accepted and departures: recorded in the period. Days to first departure: from a demand's approval to its first departure, for first departures in the period.
error-period-order = { $field }: the start of the period comes after its end.
register-demand-title = Is this job offer real?
register-demand-intro = Every job demand OEC approved has a number such as JD-…, printed on the offer. Type it to see who posted it, where, as what, for how much, and until when. A number that is not found is not a job OEC approved: do not pay anyone for it.
register-demand-hint = As printed on the offer, for example JD-7KQ4-M2XD.
register-demand-open = OEC approved this job demand and it is open.
register-demand-closed = OEC approved this job demand, but it is closed now: no one can still be recruited for it.
register-demand-none = No job demand OEC approved has this number. Do not pay anyone for this offer; you can report it through Help.
registers-check-demand = Check a job offer by its demand number
registers-answered-by = The OEP that answered for it:
org-field-answered-by = The OEP that answered for it (when blacklisting)
org-hint-answered-by = Its OEC number (OR-…) or BE&OE licence number; shown on the public blacklist.
error-oep-not-applicable = { $field }: name an answering OEP only when blacklisting a foreign employer or agency.
error-oep-unknown = { $field }: no OEP with this OEC number or licence number is known.
tokens-title = API tokens
tokens-intro = A token lets your organisation's own system use the PakSoftSkills API (Authorization: Bearer …). It acts as you: it reaches only your organisation's demands, the candidates you may see and your placements, and it stops if your organisation is suspended, when you sign out everywhere, when it is revoked, or after a year.
tokens-name = What it is for
tokens-hint-name = For example "Our recruitment system".
tokens-make = Make a token
tokens-made = Copy this token now and keep it secret: it is not shown again.
tokens-none = No token yet.
tokens-revoked = Revoked
tokens-last-used = last used
tokens-until = until
tokens-revoke = Revoke
org-tokens-link = API tokens for your systems
error-token-cannot-manage-tokens = An API token cannot make or revoke tokens. Sign in to manage them.

## Fees in the open (issue 14, item 10)
error-service-charge-above-cap = { $field }: this is above the government's cap on an OEP's service charge. Record what you took; an OEP may not take more than the cap.
error-service-charge-cap-unset = The government's cap on an OEP's service charge is not given in the portal yet, so no charge can be recorded. OEC sets it (max_oep_service_charge) from its official source.
error-service-charge-not-oep = Only a licensed OEP records a service charge; a foreign employer or agency takes none from the worker.
error-service-charge-not-selected = A service charge is recorded only for a worker who accepted your offer.
error-service-charge-recorded = The service charge for this worker is recorded already, with its receipt. If it is wrong, ask OEC through the help desk.
error-service-charge-answered = You have already said what you paid for this receipt. To add something, open a help request.
error-receipt-number-format = { $field }: give the number as printed on the receipt, for example FR-7KQ4-M2XD.
error-rupees-range = { $field }: enter a whole number of rupees, 0 or more, without letters.
field-amount = Service charge (rupees)
field-paid = What you paid (rupees)
ticket-category-fee-dispute = A fee I paid to a promoter
placement-status-returned-early = Came back early
placement-step-returned-early = Came back before the contract's end
placement-field-return-reason = Why they came back, and when
placement-hint-return-reason = For example: contract ended by the employer on 2027-03-10.
receipt-title = Service charge receipt
receipt-certifies = The licensed Overseas Employment Promoter named below recorded on PakSoftSkills that it received this service charge from the worker named below.
receipt-oep = OEP
receipt-licence = Licence number
receipt-amount = Service charge
receipt-cap = Government cap
receipt-date = Recorded on
receipt-number = Receipt number
receipt-verify = Check this receipt on the public register:
charge-title = Service charge and receipt
charge-state = Worker's answer
charge-state-awaiting = Waiting for the worker
charge-state-confirmed = Confirmed by the worker
charge-state-disputed = Disputed: the worker paid a different amount
charge-paid = paid:
charge-receipt-download = Download the receipt (PDF)
charge-answer-intro = The OEP says you paid the amount above. Tell us what you really paid, all payments together. If it is different, OEC opens a complaint against the OEP and tells you its number.
charge-hint-paid = In rupees. Enter 0 if you paid nothing.
charge-answer-send = Send what I paid
charge-record-intro = Record the service charge you took from this worker. The portal gives the worker a receipt, and the worker confirms what they paid. The government's cap:
charge-hint-amount = In rupees, at most the cap.
charge-record-send = Record and issue the receipt
fee-dispute-subject = Fee dispute on receipt { $receipt }
fee-dispute-body = The receipt { $receipt } says I paid { $amount } (the cap is { $cap }). I actually paid { $paid }.
register-receipt-title = Is this fee receipt real?
register-receipt-intro = Every service charge an OEP records on PakSoftSkills has a receipt with a number like FR-…. Enter it to see which OEP recorded it, for which job demand, how much and when. The worker's name is never shown.
register-receipt-hint = As printed on the receipt, for example FR-7KQ4-M2XD.
register-receipt-real = This receipt was issued by PakSoftSkills.
register-receipt-more = If you paid more than this, tell OEC through the help desk.
register-receipt-none = No receipt has this number. A receipt not found here was not issued by PakSoftSkills.
registers-check-receipt = Check a fee receipt
org-record = Record
org-record-intro = The basis for keeping or suspending a licence.
org-record-placements = Workers shortlisted
org-record-selected = Offers accepted
org-record-departures = Departures
org-record-returned-early = Came back early
org-record-complaints = Complaints
org-record-charges = Service charges recorded
org-record-fee-disputes = Fee disputes
