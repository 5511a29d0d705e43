"""tools/static_server.py (make screenshots, make audit, the browser tests): a browser that
closes a connection mid-answer is no traceback in the owner's terminal; other errors still are."""

from tools.static_server import _Server


def test_a_connection_the_browser_closed_is_no_traceback(capsys):
    server = _Server.__new__(_Server)  # handle_error needs no socket
    try:
        raise BrokenPipeError(32, "Broken pipe")
    except BrokenPipeError:
        server.handle_error(None, ("127.0.0.1", 1))
    assert capsys.readouterr().err == ""
    try:
        raise ValueError("a real fault")
    except ValueError:
        server.handle_error(None, ("127.0.0.1", 1))
    assert "ValueError: a real fault" in capsys.readouterr().err
