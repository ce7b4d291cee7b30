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
step-done = Done
step-todo = Still to do

## Privacy
privacy-title = Privacy policy
privacy-version = Version { $version }
privacy-collect-title = What we collect
privacy-collect-text = Your CNIC, passport number and expiry, name, father's or husband's name, date of birth, gender, mobile number, email if you give one, province and district, your learning progress and test results, and the devices you sign in from.
privacy-use-title = Why we use it
privacy-use-text = To register you, check your identity, run the course and the test, issue your certificate and let the Protector of Emigrants check it. Device details help us stop fraud.
privacy-share-title = Who sees it
privacy-share-text = The Protector of Emigrants sees your certificate status when you go for the stamp. Licensed employers see you only if you agree to be found, and you can withdraw that at any time. We share nothing else except when the law requires it.
privacy-protect-title = How we protect it
privacy-protect-text = Your CNIC, passport number, date of birth and mobile number are stored encrypted. Every time staff read your record it is written in a log that cannot be changed.
privacy-rights-title = Your rights
privacy-rights-text = You can see all your data, ask for corrections, ask for deletion, and withdraw any optional consent at any time from your profile.

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
consent-training-fixed = Consent for training and certification is needed for your account. To withdraw it, ask for your account to be deleted.
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
sms-otp-register = PakSoftSkills code: { $code }. Valid { $minutes } minutes. Never share this code with anyone.
sms-otp-reset = PakSoftSkills password reset code: { $code }. Valid { $minutes } minutes. If you did not ask for it, ignore this SMS.

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
profile-consents-intro = You can change these at any time. A change takes effect at once.
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
title-410 = No longer valid
title-413 = Too large
title-415 = Wrong format
title-422 = Please check your details
title-429 = Please wait
title-500 = Something went wrong

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
error-csrf-failed = This form expired. Please submit it again.
error-invalid-credentials = The CNIC or mobile number, or the password, is not right.
error-signin-locked = Too many wrong tries. Please try again in { $minutes } minutes.
error-rate-limited = Too many requests. Please try again in { $minutes } minutes.
error-otp-invalid = That code is not right. You have { $tries } tries left.
error-otp-expired = This code has expired or was already used. Ask for a new code.
error-otp-attempts-exhausted = Too many wrong codes. Ask for a new code.
error-registration-expired = This registration has expired. Please register again.
error-reset-expired = That code is not right or has expired. Ask for a new code.
error-email-link-invalid = This link is not valid any more. Ask for a new one from your profile.
error-malformed-body = The request could not be read.
error-internal = Something went wrong on our side. Please try again in a few minutes.
error-method-not-allowed = This action is not allowed here.
error-payload-too-large = The request is too large.
error-unsupported-media-type = The request format is not supported.
