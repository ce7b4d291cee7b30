"""Independent check of a PakSoftSkills certificate, sharing no code with the Rust side.

Usage: check_certificate.py QR.png KEYS.json NUMBER

Decodes the QR code from the PNG with zxing-cpp (for a certificate sheet, also at half size with
a slight blur, as a phone's screenshot or a cheap camera sees it), takes the signed bytes from the
link (`/V/<digits>`: groups of 17 digits for 7 bytes, a shorter last group; or the older
`/verify?c=<base64url>`), inflates them, verifies the COSE_Sign1 envelope with pycose against the
published key named by its key id (JWK from /api/v1/certificate-keys), and checks the claims
name the expected certificate number. Then it proves a changed byte fails. Prints what it found;
exits non-zero on any failure.
"""

import base64
import json
import sys
import urllib.parse
import zlib

import cbor2
import zxingcpp
from PIL import Image, ImageFilter
from pycose.keys import OKPKey
from pycose.keys.curves import Ed25519
from pycose.messages import Sign1Message


def b64url(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def from_digits(d: str) -> bytes:
    """Decimal digits back to bytes: 17 digits a 7-byte group, the last group shorter."""
    last = {0: 0, 3: 1, 5: 2, 8: 3, 10: 4, 13: 5, 15: 6}
    full, rest = divmod(len(d), 17)
    out = b"".join(int(d[17 * i : 17 * i + 17]).to_bytes(7, "big") for i in range(full))
    if rest:
        out += int(d[17 * full :]).to_bytes(last[rest], "big")
    return out


def signed_bytes(link: str) -> bytes:
    url = urllib.parse.urlparse(link)
    if url.path.upper().startswith("/V/"):
        return from_digits(url.path[3:])
    return b64url(urllib.parse.parse_qs(url.query)["c"][0])


def verify(envelope: bytes, keys: dict) -> dict:
    msg = Sign1Message.decode(envelope)
    kid = msg.phdr.get(4) or msg.phdr.get("KID")
    if kid is None:
        for k, v in msg.phdr.items():
            if getattr(k, "identifier", None) == 4:
                kid = v
    kid_hex = kid.hex()
    if kid_hex not in keys:
        raise ValueError(f"unknown key id {kid_hex}")
    msg.key = OKPKey(crv=Ed25519, x=keys[kid_hex])
    if not msg.verify_signature():
        raise ValueError("bad signature")
    return cbor2.loads(msg.payload)


def main() -> int:
    png, keys_file, number = sys.argv[1:4]
    image = Image.open(png)
    found = zxingcpp.read_barcodes(image)
    if len(found) != 1:
        print(f"expected one QR code, found {len(found)}")
        return 1
    link = found[0].text
    if "--half" in sys.argv:
        small = image.convert("L").resize((image.width // 2, image.height // 2), Image.BILINEAR)
        small = small.filter(ImageFilter.GaussianBlur(0.6))
        again = zxingcpp.read_barcodes(small)
        if len(again) != 1 or again[0].text != link:
            print("the QR code does not read at half size with a slight blur")
            return 1
        print("read at half size with a slight blur")
    envelope = zlib.decompress(signed_bytes(link))
    keys = {k["kid"]: b64url(k["x"]) for k in json.load(open(keys_file))["keys"]}
    claims = verify(envelope, keys)
    cert = claims[-70001]
    assert cert["n"] == number, f"number {cert['n']} != {number}"
    assert claims[1] == "PK-BEOE-PakSoftSkills", claims[1]
    assert claims[4] > claims[6], "expires after issue"
    urdu = f" / {cert['nu']}" if "nu" in cert else ""
    print(f"QR decoded ({len(link)} characters), signature valid (kid {list(keys)}), number {cert['n']}, name {cert['nm']}{urdu}, CNIC ending {cert['c4']}, {cert['i']} to {cert['e']}")
    # A changed byte in the signed payload must fail.
    tampered = bytearray(envelope)
    tampered[-70] ^= 0x01
    try:
        verify(bytes(tampered), keys)
    except Exception as e:  # noqa: BLE001 - any failure is the expected outcome
        print(f"changed byte refused: {type(e).__name__}")
    else:
        print("a changed byte still verified")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
