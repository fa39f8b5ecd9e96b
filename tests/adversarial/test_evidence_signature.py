"""A bundle's integrity holds against people, not only accidents (issue 16, item 9): with ``--sign-key`` the
manifest is signed (Ed25519), and ``pms-baseline evidence verify DIR --public-key PUB.pem`` finds any edit, even
one whose author recomputed the manifest, re-signed it with another key or removed the signature; it names
exactly what differs (exit 1), and bad input is one line and exit 2. ``openssl`` checks the same signature, as the
README tells an auditor without the tool to.
"""

import hashlib
import json
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import generate_private_key

from pms_baseline.cli import main
from tests.evidence.common import EXPORTS

STATE = EXPORTS / "clinic-prod-v3.json"


def write_key(folder, name, password=None):
    """An Ed25519 key pair as PEM files: (private, public)."""
    key = Ed25519PrivateKey.generate()
    crypt = serialization.BestAvailableEncryption(password.encode()) if password else serialization.NoEncryption()
    private = folder / f"{name}.pem"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, crypt))
    public = folder / f"{name}.pub.pem"
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo))
    return private, public


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keys")
    return {"org": write_key(folder, "org"), "mallory": write_key(folder, "mallory")}


@pytest.fixture(scope="module")
def signed(tmp_path_factory, keys):
    out = tmp_path_factory.mktemp("signed") / "bundle"
    assert main(["evidence", "--state", str(STATE), "--out", str(out), "--sign-key", str(keys["org"][0])]) == 0
    return out


@pytest.fixture
def copy(signed, tmp_path):
    """A copy of the signed bundle to tamper with."""
    return shutil.copytree(signed, tmp_path / "bundle")


def check(capsys, bundle, *extra):
    """``evidence verify``: (exit code, standard output lines)."""
    code = main(["evidence", "verify", str(bundle), *extra])
    return code, capsys.readouterr().out.splitlines()


def fingerprint(public):
    der = serialization.load_pem_public_key(public.read_bytes()).public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "sha256:" + hashlib.sha256(der).hexdigest()


def recompute_manifest(bundle, signature=...):
    """What a forger does after an edit: rehash every file into the manifest (and keep, drop or replace the
    signature entry)."""
    manifest = json.loads((bundle / "manifest.json").read_text())
    for entry in manifest["files"]:
        data = (bundle / entry["path"]).read_bytes()
        entry.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    if signature is not ...:
        manifest["signature"] = signature
    text = (json.dumps(manifest, indent=2) + "\n").encode()
    (bundle / "manifest.json").write_bytes(text)
    return text


def forge_met(bundle):
    page = bundle / "index.html"
    page.write_text(page.read_text().replace("Not met", "Met"))


def test_a_signed_bundle_verifies_with_its_public_key(signed, keys, capsys):
    manifest = json.loads((signed / "manifest.json").read_text())
    assert manifest["signature"] == {"algorithm": "Ed25519", "file": "manifest.sig", "covers": "manifest.json",
                                     "public_key": fingerprint(keys["org"][1])}
    assert sorted(p.name for p in signed.iterdir()) == [
        "evidence.json", "evidence.schema.json", "index.html", "manifest.json", "manifest.sig"]
    assert check(capsys, signed, "--public-key", str(keys["org"][1])) == (
        0, [f"verified {signed}: 3 files match the manifest; signed by {fingerprint(keys['org'][1])}, "
            "signature valid"])


def test_without_a_public_key_the_signature_is_not_claimed(signed, keys, capsys):
    assert check(capsys, signed) == (
        0, [f"verified {signed}: 3 files match the manifest; signed by {fingerprint(keys['org'][1])}, signature "
            "NOT checked (give --public-key)"])


def test_an_edited_file_is_named(copy, keys, capsys):
    forge_met(copy)
    code, lines = check(capsys, copy, "--public-key", str(keys["org"][1]))
    assert (code, lines[1:]) == (1, ["  index.html: SHA-256 differs from the manifest"])
    assert lines[0] == f"NOT verified {copy}: 1 differences; signed by {fingerprint(keys['org'][1])}, signature valid"


def test_an_edit_hidden_by_a_recomputed_manifest_breaks_the_signature(copy, keys, capsys):
    forge_met(copy)
    recompute_manifest(copy)
    assert check(capsys, copy, "--public-key", str(keys["org"][1])) == (1, [
        f"NOT verified {copy}: 1 differences; signature INVALID",
        "  manifest.sig: not a signature of manifest.json by the given key (the manifest changed after signing, "
        "or another key signed it)",
    ])


def test_a_manifest_re_signed_by_another_key_is_refused(copy, keys, capsys):
    forge_met(copy)
    mallory = serialization.load_pem_private_key(keys["mallory"][0].read_bytes(), None)
    entry = {"algorithm": "Ed25519", "file": "manifest.sig", "covers": "manifest.json",
             "public_key": fingerprint(keys["mallory"][1])}
    (copy / "manifest.sig").write_bytes(mallory.sign(recompute_manifest(copy, entry)))
    assert check(capsys, copy, "--public-key", str(keys["mallory"][1]))[0] == 0  # her own key: of course
    code, lines = check(capsys, copy, "--public-key", str(keys["org"][1]))
    assert code == 1
    assert lines[1:] == [
        f"  manifest.json: signed by key {fingerprint(keys['mallory'][1])}, not by the given key "
        f"{fingerprint(keys['org'][1])}",
        "  manifest.sig: not a signature of manifest.json by the given key (the manifest changed after signing, "
        "or another key signed it)",
    ]


def test_a_signature_stripped_away_fails_when_a_key_is_required(copy, keys, capsys):
    forge_met(copy)
    recompute_manifest(copy, signature=None)
    (copy / "manifest.sig").unlink()
    assert check(capsys, copy) == (
        0, [f"verified {copy}: 3 files match the manifest; NOT signed, so anyone who edits it can recompute the "
            "manifest"])
    assert check(capsys, copy, "--public-key", str(keys["org"][1])) == (1, [
        f"NOT verified {copy}: 1 differences; NOT signed, so anyone who edits it can recompute the manifest",
        "  the bundle is not signed, and --public-key asks for its signature",
    ])


def test_files_added_removed_and_a_foreign_state_are_each_named(copy, keys, capsys):
    (copy / "evidence.schema.json").unlink()
    (copy / "notes.txt").write_text("added later")
    code, lines = check(capsys, copy, "--public-key", str(keys["org"][1]), "--state",
                        str(EXPORTS / "clinic-prod-v3-old.json"))
    assert (code, lines[1:]) == (1, [
        "  evidence.schema.json: missing",
        "  notes.txt: not listed in the manifest",
        f"  {EXPORTS / 'clinic-prod-v3-old.json'}: SHA-256 differs from the manifest's input state",
    ])
    assert check(capsys, copy.parent / "nothing-here")[0] == 2


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_openssl_checks_the_same_signature_and_fingerprint(signed, keys):
    """The README's commands for an auditor without pms-baseline."""
    proc = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(keys["org"][1]), "-rawin",
                           "-in", str(signed / "manifest.json"), "-sigfile", str(signed / "manifest.sig")],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "Signature Verified Successfully" in proc.stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", str(keys["org"][1]), "-outform", "DER"],
                         capture_output=True, check=True).stdout
    assert "sha256:" + hashlib.sha256(der).hexdigest() == json.loads(
        (signed / "manifest.json").read_text())["signature"]["public_key"]


def test_an_encrypted_key_signs_with_its_password_from_the_environment(tmp_path, monkeypatch, capsys):
    private, public = write_key(tmp_path, "enc", password="s3cret-pass")
    argv = ["evidence", "--state", str(STATE), "--out", str(tmp_path / "b"), "--sign-key", str(private)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"pms-baseline: error: {private}: the key is encrypted; put its password in $PMS_BASELINE_SIGN_KEY_PASSWORD\n")
    monkeypatch.setenv("PMS_BASELINE_SIGN_KEY_PASSWORD", "s3cret-pass")
    assert main(argv) == 0
    assert check(capsys, tmp_path / "b", "--public-key", str(public))[0] == 0


BAD_KEYS = {
    "rsa": (lambda: generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        "a RSAPrivateKey key; evidence is signed with Ed25519"),
    "not-pem": (lambda: b"hello", "not a PEM private key"),
}


@pytest.mark.parametrize("case", sorted(BAD_KEYS))
def test_a_bad_signing_key_is_one_line_exit_2_and_nothing_written(case, tmp_path, capsys):
    make, expected = BAD_KEYS[case]
    key = tmp_path / "key.pem"
    key.write_bytes(make())
    assert main(["evidence", "--state", str(STATE), "--out", str(tmp_path / "b"), "--sign-key", str(key)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.pem"]


def test_bad_input_to_evidence_verify_is_one_line_and_exit_2(signed, tmp_path, capsys):
    (tmp_path / "pub.pem").write_text("not a key")
    (tmp_path / "empty").mkdir()
    for argv, expected in [
        ([str(tmp_path / "none")], f"{tmp_path / 'none'}: no such directory"),
        ([str(tmp_path / "empty")], f"{tmp_path / 'empty'}: no manifest.json, so not an evidence bundle"),
        ([str(signed), "--public-key", str(tmp_path / "pub.pem")],
         f"{tmp_path / 'pub.pem'}: not a PEM public key (openssl pkey -in KEY.pem -pubout)"),
        ([str(signed), "--out", "x"], "pms-baseline: unrecognized arguments: --out x"),
    ]:
        assert main(["evidence", "verify", *argv]) == 2
        out, err = capsys.readouterr()
        assert (out, err) == ("", f"pms-baseline: error: {expected}\n"), argv
    assert main(["evidence", "--out", "x", "verify", str(signed)]) == 2
    assert capsys.readouterr().err == (
        "pms-baseline: error: evidence verify takes no --out (options for writing a bundle); use `pms-baseline "
        "evidence verify DIR [--public-key PUB.pem] [--state FILE]`\n")


def test_writing_a_bundle_still_takes_its_options_before_any_subcommand(tmp_path, capsys):
    assert main(["evidence", "--out", str(tmp_path / "b")]) == 2
    assert capsys.readouterr().err == (
        "pms-baseline: error: pms-baseline evidence: the following arguments are required: --state\n")
