from hub.domein.identificatie import bsn_geldig, iban_geldig, masker_bsn


def test_bsn_elfproef():
    assert bsn_geldig("111222333")
    assert bsn_geldig("123456782")
    assert not bsn_geldig("123456789")
    assert not bsn_geldig("12345678")
    assert not bsn_geldig("abcdefghi")


def test_iban():
    assert iban_geldig("NL91ABNA0417164300")
    assert not iban_geldig("NL91ABNA0417164301")


def test_bsn_gemaskeerd_in_logregels():
    assert masker_bsn("111222333") == "******333"
