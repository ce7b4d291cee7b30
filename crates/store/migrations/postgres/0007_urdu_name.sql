-- The name in Urdu script, as on the CNIC: kept with the person and printed on certificates.
ALTER TABLE users ADD COLUMN full_name_ur TEXT;
ALTER TABLE certificates ADD COLUMN full_name_ur TEXT;
