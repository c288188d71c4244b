"""Behind PgBouncer in transaction mode (`DATABASE_TRANSACTION_POOLING=1`, README "Running at
scale") Django opens no server-side cursors; without a pooler it keeps them."""

from tests.derived_settings import derived_settings


def server_side_cursors_disabled(**env: str) -> bool:
    databases = derived_settings(["DATABASES"], unset=("DATABASE_TRANSACTION_POOLING",), **env)
    return databases["DATABASES"]["default"]["DISABLE_SERVER_SIDE_CURSORS"]


def test_server_side_cursors_are_off_behind_a_transaction_pooler():
    assert server_side_cursors_disabled(DATABASE_TRANSACTION_POOLING="1")


def test_server_side_cursors_stay_on_without_a_pooler():
    assert not server_side_cursors_disabled()
