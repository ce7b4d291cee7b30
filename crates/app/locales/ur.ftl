# PakSoftSkills: Urdu catalogue (اردو). Every user-facing string lives here and in en.ftl (same ids).

site-name = پاک سافٹ سکلز
skip-to-content = سیدھا اصل مواد پر جائیں
# The language switch names each language in itself.
switch-to-en = English
switch-to-ur = اردو
nav-label = مین مینیو
nav-home = پہلا صفحہ
nav-register = رجسٹر کریں
nav-sign-in = سائن ان
nav-sign-out = سائن آؤٹ
nav-dashboard = میرا صفحہ
nav-profile = میری پروفائل
nav-privacy = رازداری کی پالیسی
footer-owner = یہ سروس حکومتِ پاکستان کی اوورسیز ایمپلائمنٹ کارپوریشن (OEC)، بیورو آف امیگریشن اینڈ اوورسیز ایمپلائمنٹ (BE&OE) کے ساتھ مل کر چلاتی ہے۔

## Home
home-title = بیرونِ ملک کام کے لیے سافٹ سکلز کی تربیت
home-lead = ورک ویزا پر پاکستان سے باہر جانے والے ہر شخص کو یہ مفت آن لائن کورس مکمل کرنا ہے، اس کا آخری ٹیسٹ پاس کرنا ہے اور سرٹیفکیٹ لینا ہے۔ اس کے بعد ہی پروٹیکٹر آف ایمیگرنٹس پاسپورٹ پر مہر لگاتا ہے۔
home-start = ابھی رجسٹر کریں
home-continue = میرے صفحے پر جائیں
home-who-title = یہ کورس کس کے لیے لازمی ہے
home-who-text = ہر وہ کارکن جو ورک ویزا پر بیرونِ ملک جا رہا ہے، چاہے اوورسیز ایمپلائمنٹ پروموٹر کے ذریعے جائے یا ڈائریکٹ ویزا پر: مستری اور تعمیر کا کام کرنے والے، ڈرائیور، نرسیں، ہوٹل اور ریسٹورنٹ کا عملہ، گھریلو ملازم، کھیت اور فیکٹری کے مزدور، اور باقی سب۔
home-steps-title = طریقہ کار
home-need-title = رجسٹر ہونے کے لیے آپ کو کیا چاہیے
home-need-cnic = آپ کے شناختی کارڈ (CNIC) کا نمبر۔
home-need-passport = آپ کا پاسپورٹ نمبر اور پاسپورٹ کی میعاد ختم ہونے کی تاریخ۔
home-need-mobile = ایسا موبائل نمبر جس پر SMS آ سکے۔ اس پر آپ کو چھ ہندسوں کا کوڈ ملے گا۔
home-free-title = یہ مفت ہے
home-free-text = کورس، ٹیسٹ اور سرٹیفکیٹ بالکل مفت ہیں۔ ان کے لیے کوئی آپ سے پیسے نہیں لے سکتا۔ آپ اپنے فون پر، اردو یا انگریزی میں، اپنی رفتار سے پڑھ سکتے ہیں۔

## Steps of the journey
step-register-title = رجسٹر کریں
step-register-text = اپنے شناختی کارڈ، پاسپورٹ اور موبائل نمبر سے اپنا اکاؤنٹ بنائیں۔
step-profile-title = اپنی پروفائل مکمل کریں
step-profile-text = اپنی تعلیم لکھیں اور بتائیں کہ آپ کہاں کام کرنا چاہتے ہیں، تاکہ ہم آپ کی تیاری میں مدد کر سکیں۔
step-learn-title = سیکھیں
step-learn-text = پانچ چھوٹے ماڈیول، جن میں ویڈیوز، پڑھنے کا مواد، کوئز اور چھوٹے کام ہیں: بات چیت، مل کر کام کرنا، رہنمائی، کام پر اچھا رویہ، اور بیرونِ ملک محفوظ طریقے سے کام کرنا۔
step-test-title = آخری ٹیسٹ
step-test-text = جب سارے ماڈیول مکمل ہو جائیں تو اپنے فون پر آخری ٹیسٹ دیں۔
step-certificate-title = سرٹیفکیٹ
step-certificate-text = ٹیسٹ پاس کریں اور QR کوڈ والا اپنا ڈیجیٹل سرٹیفکیٹ ڈاؤن لوڈ کریں۔
step-protector-title = پروٹیکٹر آف ایمیگرنٹس
step-protector-text = پروٹیکٹر کے دفتر میں اپنا سرٹیفکیٹ دکھائیں اور اپنے پاسپورٹ پر پروٹیکٹر کی مہر لگوائیں۔
step-done = مکمل
step-todo = ابھی باقی ہے

## Privacy
privacy-title = رازداری کی پالیسی
privacy-version = ورژن { $version }
privacy-collect-title = ہم کون سی معلومات لیتے ہیں
privacy-collect-text = آپ کا شناختی کارڈ (CNIC) نمبر، پاسپورٹ نمبر اور اس کی میعاد، نام، والد یا شوہر کا نام، تاریخِ پیدائش، جنس، موبائل نمبر، ای میل (اگر آپ دیں)، صوبہ اور ضلع، کورس میں آپ کی پیش رفت اور ٹیسٹ کے نتائج، اور وہ فون یا کمپیوٹر جن سے آپ سائن ان کرتے ہیں۔
privacy-use-title = ہم یہ معلومات کیوں لیتے ہیں
privacy-use-text = آپ کو رجسٹر کرنے، آپ کی شناخت جانچنے، کورس اور ٹیسٹ چلانے، آپ کو سرٹیفکیٹ دینے اور پروٹیکٹر آف ایمیگرنٹس کو اس کی جانچ کرنے دینے کے لیے۔ آپ کے فون یا کمپیوٹر کی معلومات سے ہم دھوکا دہی روکتے ہیں۔
privacy-share-title = یہ معلومات کون دیکھتا ہے
privacy-share-text = جب آپ مہر لگوانے جاتے ہیں تو پروٹیکٹر آف ایمیگرنٹس آپ کے سرٹیفکیٹ کی صورتِ حال دیکھتا ہے۔ لائسنس یافتہ مالکان آپ کو صرف اسی وقت ڈھونڈ سکتے ہیں جب آپ اس کی اجازت دیں، اور آپ یہ اجازت کسی بھی وقت واپس لے سکتے ہیں۔ اس کے علاوہ ہم کسی کو کچھ نہیں دیتے، سوائے اس کے جب قانون کے تحت ضروری ہو۔
privacy-protect-title = ہم اسے کیسے محفوظ رکھتے ہیں
privacy-protect-text = ہم آپ کا شناختی کارڈ نمبر، پاسپورٹ نمبر، تاریخِ پیدائش اور موبائل نمبر خفیہ کوڈ میں بدل کر محفوظ رکھتے ہیں۔ جب بھی ہمارا عملہ آپ کا ریکارڈ دیکھتا ہے، یہ بات ایک ایسے رجسٹر میں درج ہو جاتی ہے جسے کوئی بدل نہیں سکتا۔
privacy-rights-title = آپ کے حقوق
privacy-rights-text = آپ اپنی پروفائل سے کسی بھی وقت اپنا سارا ڈیٹا دیکھ سکتے ہیں، غلطیاں درست کروا سکتے ہیں، ڈیٹا مٹانے کا کہہ سکتے ہیں، اور کوئی بھی اختیاری اجازت واپس لے سکتے ہیں۔

## Registration
register-title = رجسٹر کریں
register-intro = تفصیلات بالکل ویسے ہی لکھیں جیسے آپ کے شناختی کارڈ اور پاسپورٹ پر لکھی ہیں۔ اس میں تقریباً پانچ منٹ لگتے ہیں۔
register-identity = آپ کی شناخت
register-contact = رابطہ اور علاقہ
register-password = پاس ورڈ
register-consent = آپ کی اجازت
register-submit = رجسٹر کریں اور مجھے کوڈ بھیجیں
register-have-account = پہلے سے رجسٹرڈ ہیں؟
choose = منتخب کریں…
show-password = پاس ورڈ دکھائیں
consent-intro = ہم آپ کا ڈیٹا آپ کی تربیت اور سرٹیفکیٹ کے لیے استعمال کرتے ہیں۔ براہِ کرم یہ پڑھیں:
consent-training = مجھے منظور ہے کہ میرا ڈیٹا تربیت، ٹیسٹ اور سرٹیفکیٹ کے لیے استعمال ہو (لازمی)۔
consent-share-with-employers = سرٹیفکیٹ ملنے کے بعد لائسنس یافتہ مالکان اور بھرتی کرنے والی ایجنسیاں مجھے ڈھونڈ سکتی ہیں (اختیاری)۔
consent-research = میرا ڈیٹا، میرے نام کے بغیر، پروگرام کو بہتر بنانے کی تحقیق میں استعمال ہو سکتا ہے (اختیاری)۔
consent-news = مجھے نوکریوں اور اس پروگرام کی خبریں SMS یا ای میل پر بھیجیں (اختیاری)۔
consent-training-fixed = تربیت اور سرٹیفکیٹ کی اجازت کے بغیر اکاؤنٹ نہیں چل سکتا۔ یہ اجازت واپس لینے کے لیے اپنا اکاؤنٹ ختم کرنے کی درخواست دیں۔
gender-male = مرد
gender-female = عورت
gender-other = دیگر
relation-father = والد
relation-husband = شوہر
language-en = انگریزی
language-ur = اردو

## Fields (also used inside error messages)
field-cnic = شناختی کارڈ (CNIC) نمبر
field-passport-number = پاسپورٹ نمبر
field-passport-expiry = پاسپورٹ کی میعاد ختم ہونے کی تاریخ
field-full-name = پورا نام
field-guardian-relation = والد یا شوہر
field-guardian-name = والد یا شوہر کا نام
field-date-of-birth = تاریخِ پیدائش
field-gender = جنس
field-mobile = موبائل نمبر
field-email = ای میل (اختیاری)
field-province = صوبہ یا علاقہ
field-district = ضلع
field-language = پسند کی زبان
field-password = پاس ورڈ
field-new-password = نیا پاس ورڈ
field-code = چھ ہندسوں کا کوڈ
field-identifier = شناختی کارڈ (CNIC) یا موبائل نمبر
field-consent-training = تربیت کی اجازت
field-destination = وہ ملک جہاں آپ کام کرنا چاہتے ہیں
field-occupation = پیشہ
field-employer-or-oep = مالک یا بھرتی کرنے والی ایجنسی (OEP)
field-salary-amount = متوقع ماہانہ تنخواہ
field-salary-currency = کرنسی
field-benefits = سہولتیں (رہائش، کھانا، آنا جانا…)
field-level = تعلیم کا درجہ
field-institution = اسکول، کالج یا ادارہ
field-year = کس سال مکمل کی
field-hec-verification = HEC سے اس ڈگری کی تصدیق کروائیں
field-employer = مالک یا کمپنی
field-job-title = عہدہ
field-country = ملک
field-from = کب سے (مہینہ)
field-to = کب تک (مہینہ)
field-role = کردار
hint-cnic = 13 ہندسے، مثلاً 35202-1234567-1
hint-passport-number = دو انگریزی حروف اور سات ہندسے، مثلاً AB1234567
hint-date = دن، مہینہ اور سال
hint-full-name = جیسے آپ کے شناختی کارڈ پر لکھا ہے
hint-mobile = مثلاً 0300 1234567۔ ہم کوڈ اسی نمبر پر بھیجیں گے۔
hint-email = اختیاری۔ ہم اسے جانچنے کے لیے ایک لنک بھیجیں گے۔
hint-district = پہلے صوبہ منتخب کریں۔
hint-language = پیغامات اور صفحات اسی زبان میں ہوں گے۔
hint-password = کم از کم 8 حروف۔ ایک چھوٹا سا جملہ یاد رکھنا آسان ہوتا ہے اور کوئی اسے آسانی سے بوجھ نہیں سکتا۔
hint-code = وہ چھ ہندسے جو ہم نے ابھی SMS میں بھیجے ہیں۔
hint-identifier = آپ کا شناختی کارڈ نمبر (35202-1234567-1) یا موبائل نمبر (0300 1234567)
hint-reset-identifier = اگر یہ موبائل نمبر آپ کے گھر والے بھی استعمال کرتے ہیں تو اپنا شناختی کارڈ نمبر لکھیں۔
hint-occupation = جو کام آپ کے کام سے سب سے زیادہ ملتا ہو، وہ منتخب کریں۔
hint-employer-or-oep = اگر آپ کو معلوم ہو۔
hint-salary-amount = پوری رقم، مثلاً 1500
hint-benefits = مختصر لکھیں، مثلاً: رہائش اور کھانا مفت
hint-year = مثلاً 2015
hint-month = سال اور مہینہ
hint-to = اگر آپ ابھی بھی وہیں کام کرتے ہیں تو خالی چھوڑ دیں۔

## OTP
verify-title = کوڈ لکھیں
verify-sent = ہم نے { $number } پر SMS میں چھ ہندسوں کا کوڈ بھیجا ہے۔ یہ کوڈ 5 منٹ تک کام کرے گا۔
verify-resent = نیا کوڈ آ رہا ہے۔ پرانا کوڈ اب کام نہیں کرے گا۔
verify-submit = تصدیق کریں
verify-no-code = SMS نہیں آیا؟
verify-resend = نیا کوڈ بھیجیں
passport-expires-soon = آپ کے پاسپورٹ کی میعاد ختم ہونے میں چھ مہینے سے کم وقت رہ گیا ہے۔ بہت سے ملک ایسے پاسپورٹ پر ویزا نہیں دیتے، اس لیے جلد نیا پاسپورٹ بنوائیں۔

## Sign-in and password reset
sign-in-title = سائن ان
sign-in-submit = سائن ان کریں
sign-in-forgot = پاس ورڈ بھول گئے؟
sign-in-new = پہلی بار آئے ہیں؟
reset-title = نیا پاس ورڈ بنائیں
reset-intro = اپنا شناختی کارڈ نمبر یا موبائل نمبر لکھیں۔ اگر ہمیں آپ کا اکاؤنٹ مل گیا تو ہم اس اکاؤنٹ کے موبائل نمبر پر SMS میں کوڈ بھیجیں گے۔
reset-submit = کوڈ بھیجیں
reset-sent = اگر یہ اکاؤنٹ موجود ہے تو اس کے موبائل نمبر پر چھ ہندسوں کا کوڈ آ رہا ہے۔ یہ کوڈ اور اپنا نیا پاس ورڈ لکھیں۔
reset-complete = نیا پاس ورڈ محفوظ کریں
reset-again = نیا کوڈ منگوائیں
reset-done = آپ کا پاس ورڈ بدل گیا ہے اور آپ ہر جگہ سے سائن آؤٹ ہو گئے ہیں۔ نئے پاس ورڈ سے سائن ان کریں۔

## Email
email-verify-subject = PakSoftSkills کے لیے اپنی ای میل کی تصدیق کریں
email-verify-body = اپنے ای میل ایڈریس کی تصدیق کے لیے یہ لنک کھولیں: { $link } — اگر آپ نے PakSoftSkills پر رجسٹر نہیں کیا تو اس پیغام کو نظر انداز کر دیں۔
email-verified-title = ای میل کی تصدیق ہو گئی
email-verified-body = شکریہ۔ آپ کے ای میل ایڈریس کی تصدیق ہو گئی ہے۔
email-verified = تصدیق ہو گئی
email-unverified = ابھی تصدیق نہیں ہوئی: ہم نے جو لنک ای میل کیا ہے، اسے کھولیں
none-given = نہیں دیا

## SMS
sms-otp-register = آپ کا PakSoftSkills کوڈ { $code } ہے۔ یہ { $minutes } منٹ تک کام کرے گا۔ یہ کوڈ کبھی کسی کو نہ بتائیں۔
sms-otp-reset = آپ کا PakSoftSkills پاس ورڈ بدلنے کا کوڈ { $code } ہے۔ یہ { $minutes } منٹ تک کام کرے گا۔ اگر آپ نے یہ کوڈ نہیں مانگا تو اس SMS کو نظر انداز کر دیں۔

## Dashboard
dashboard-title = میرا صفحہ
dashboard-hello = خوش آمدید، { $name }
dashboard-welcome = آپ کی رجسٹریشن مکمل ہو گئی ہے۔ اب اگلا قدم اپنی پروفائل مکمل کرنا ہے۔
dashboard-steps = آپ کے مرحلے
dashboard-staff = آپ اس حیثیت سے سائن ان ہیں: { $role }۔
dashboard-profile = میری تفصیلات
dashboard-edit-profile = اپنی پروفائل میں تبدیلی کریں
dashboard-download-data = اپنا سارا ڈیٹا ڈاؤن لوڈ کریں (فائل)
dashboard-devices = میرے فون اور کمپیوٹر
dashboard-devices-intro = یہ وہ فون اور کمپیوٹر ہیں جن سے آپ کے اکاؤنٹ میں سائن ان ہوا ہے۔ اگر آپ ان میں سے کسی کو نہیں پہچانتے تو اسے سائن آؤٹ کریں اور اپنا پاس ورڈ بدل دیں۔
device-app = موبائل ایپ
device-browser = ویب براؤزر
device-last-used = آخری بار استعمال:
device-sign-out = اس فون یا کمپیوٹر کو سائن آؤٹ کریں
role-trainee = زیرِ تربیت
role-protector-officer = پروٹیکٹر افسر
role-employer-user = مالک / کمپنی
role-content-admin = کورس مواد کا منتظم
role-grader = نمبر لگانے والا
role-support-agent = مدد کا نمائندہ
role-analyst = تجزیہ کار
role-administrator = منتظم

## Profile
profile-title = میری پروفائل
profile-intro = یہ تفصیلات ہمیشہ درست رکھیں۔ ان کی مدد سے ہم آپ کو بیرونِ ملک کام کے لیے بہتر تیار کر سکتے ہیں۔
profile-saved = محفوظ ہو گیا۔
profile-contact = رابطہ اور علاقہ
profile-move = آپ کہاں کام کرنا چاہتے ہیں
profile-education = تعلیم
profile-employment = کام کا تجربہ
profile-consents = اجازتیں
profile-consents-intro = آپ انہیں کسی بھی وقت بدل سکتے ہیں۔ تبدیلی فوراً لاگو ہو جاتی ہے۔
profile-none-yet = ابھی کچھ شامل نہیں کیا۔
save = محفوظ کریں
add = شامل کریں
remove = ہٹائیں
employment-current = اب تک
education-none = کوئی تعلیم نہیں
education-primary = پرائمری
education-middle = مڈل
education-matric = میٹرک
education-intermediate = انٹرمیڈیٹ
education-diploma = ڈپلومہ (DAE)
education-vocational = ووکیشنل (ہنر کا) سرٹیفکیٹ
education-bachelor = بیچلر ڈگری
education-master = ماسٹر ڈگری
education-doctorate = ڈاکٹریٹ (پی ایچ ڈی)

## Page titles by status
title-400 = ہم یہ درخواست نہیں پڑھ سکے
title-401 = براہِ کرم سائن ان کریں
title-403 = اجازت نہیں
title-404 = صفحہ نہیں ملا
title-405 = اجازت نہیں
title-410 = اب یہ کارآمد نہیں
title-413 = بہت بڑا ہے
title-415 = غلط فارمیٹ
title-422 = براہِ کرم اپنی تفصیلات چیک کریں
title-429 = براہِ کرم تھوڑا انتظار کریں
title-500 = کوئی خرابی ہو گئی

## Errors
form-has-errors = جن خانوں پر نشان لگا ہے، انہیں درست کریں۔
error-required = { $field }: براہِ کرم یہ خانہ بھریں۔
error-cnic-format = { $field }: اپنے شناختی کارڈ کے 13 ہندسے لکھیں، جیسے 35202-1234567-1۔
error-cnic-region = { $field }: شناختی کارڈ نمبر 0 سے شروع نہیں ہوتا۔ براہِ کرم نمبر چیک کریں۔
error-cnic-gender-mismatch = { $field }: یہ آپ کے شناختی کارڈ سے نہیں ملتا (شناختی کارڈ نمبر کا آخری ہندسہ مردوں کا طاق اور عورتوں کا جفت ہوتا ہے)۔
error-passport-format = { $field }: دو انگریزی حروف اور سات ہندسے لکھیں، جیسے AB1234567۔
error-date-format = { $field }: صحیح تاریخ لکھیں۔
error-passport-expired = { $field }: اس پاسپورٹ کی میعاد ختم ہو چکی ہے۔ رجسٹر کرنے سے پہلے نیا پاسپورٹ بنوائیں۔
error-mobile-format = { $field }: پاکستانی موبائل نمبر لکھیں، جیسے 0300 1234567۔
error-email-format = { $field }: یہ درست ای میل ایڈریس نہیں ہے۔
error-too-long = { $field }: یہ بہت لمبا ہے۔
error-name-too-short = { $field }: کم از کم 2 حروف لکھیں۔
error-name-too-long = { $field }: زیادہ سے زیادہ 100 حروف لکھیں۔
error-name-characters = { $field }: صرف حروف، خالی جگہ، نقطہ (.)، اپاسٹروفی (') اور ڈیش (-) استعمال کریں۔
error-choose-option = { $field }: دیے گئے آپشنز میں سے ایک منتخب کریں۔
error-dob-future = { $field }: تاریخِ پیدائش آج سے پہلے کی ہونی چاہیے۔
error-dob-too-young = { $field }: آپ کی عمر کم از کم 18 سال ہونی چاہیے۔
error-dob-too-old = { $field }: براہِ کرم سال چیک کریں۔
error-password-too-short = { $field }: کم از کم 8 حروف استعمال کریں۔
error-password-too-long = { $field }: زیادہ سے زیادہ 128 حروف استعمال کریں۔
error-password-common = { $field }: یہ پاس ورڈ بہت عام ہے اور لوگ اسے آسانی سے بوجھ سکتے ہیں۔ کوئی اور پاس ورڈ چنیں۔
error-password-is-cnic = { $field }: اپنا شناختی کارڈ نمبر پاس ورڈ کے طور پر استعمال نہ کریں۔
error-district-not-in-province = { $field }: یہ ضلع منتخب کیے گئے صوبے میں نہیں ہے۔
error-text-characters = { $field }: خاص نشانات ہٹا دیں۔
error-year-range = { $field }: 1950 سے اس سال تک کا کوئی سال لکھیں۔
error-month-format = { $field }: سال اور مہینہ لکھیں۔
error-date-future = { $field }: یہ تاریخ ابھی آئی نہیں۔
error-end-before-start = { $field }: ختم ہونے کی تاریخ شروع ہونے کی تاریخ سے پہلے ہے۔
error-amount-range = { $field }: صفر سے زیادہ پوری رقم لکھیں۔
error-hec-not-applicable = { $field }: HEC صرف بیچلر، ماسٹر اور ڈاکٹریٹ ڈگریوں کی تصدیق کرتا ہے۔
error-destination-abroad = { $field }: بیرونِ ملک وہ ملک منتخب کریں جہاں آپ کام کرنا چاہتے ہیں۔
error-consent-required = { $field }: آپ کو تربیت اور سرٹیفکیٹ دینے کے لیے ہمیں یہ اجازت چاہیے۔
error-cnic-taken = { $field }: یہ شناختی کارڈ پہلے سے رجسٹرڈ ہے۔ سائن ان کریں، یا نیا پاس ورڈ بنائیں۔
error-passport-taken = { $field }: یہ پاسپورٹ پہلے ہی کسی اور اکاؤنٹ میں رجسٹرڈ ہے۔
error-mobile-limit = { $field }: اس نمبر پر پہلے ہی زیادہ سے زیادہ اکاؤنٹ بن چکے ہیں۔ کوئی اور نمبر استعمال کریں۔
error-wrong-password = { $field }: پاس ورڈ درست نہیں ہے۔
error-validation-failed = کچھ تفصیلات درست کرنی ہیں۔
error-not-found = ہمیں یہ صفحہ نہیں ملا۔
error-unauthorized = براہِ کرم پہلے سائن ان کریں۔
error-forbidden = آپ کے اکاؤنٹ کو یہ کام کرنے کی اجازت نہیں ہے۔
error-csrf-failed = اس فارم کا وقت ختم ہو گیا ہے۔ براہِ کرم اسے دوبارہ بھیجیں۔
error-invalid-credentials = شناختی کارڈ یا موبائل نمبر، یا پاس ورڈ درست نہیں ہے۔
error-signin-locked = آپ نے بہت بار غلط کوشش کی ہے۔ براہِ کرم { $minutes } منٹ بعد دوبارہ کوشش کریں۔
error-rate-limited = آپ نے بہت کم وقت میں بہت زیادہ بار کوشش کی ہے۔ براہِ کرم { $minutes } منٹ بعد دوبارہ کوشش کریں۔
error-otp-invalid = یہ کوڈ درست نہیں ہے۔ آپ کے پاس { $tries } کوششیں باقی ہیں۔
error-otp-expired = اس کوڈ کا وقت ختم ہو چکا ہے یا یہ پہلے استعمال ہو چکا ہے۔ نیا کوڈ منگوائیں۔
error-otp-attempts-exhausted = آپ نے بہت بار غلط کوڈ لکھا ہے۔ نیا کوڈ منگوائیں۔
error-registration-expired = اس رجسٹریشن کا وقت ختم ہو گیا ہے۔ براہِ کرم دوبارہ رجسٹر کریں۔
error-reset-expired = یہ کوڈ درست نہیں یا اس کا وقت ختم ہو گیا ہے۔ نیا کوڈ منگوائیں۔
error-email-link-invalid = یہ لنک اب کام نہیں کرتا۔ اپنی پروفائل سے نیا لنک منگوائیں۔
error-malformed-body = ہم یہ درخواست نہیں پڑھ سکے۔
error-internal = ہماری طرف کوئی خرابی ہو گئی ہے۔ براہِ کرم چند منٹ بعد دوبارہ کوشش کریں۔
error-method-not-allowed = یہاں یہ کام کرنے کی اجازت نہیں ہے۔
error-payload-too-large = درخواست بہت بڑی ہے۔
error-unsupported-media-type = ہم درخواست کا یہ فارمیٹ قبول نہیں کرتے۔
