"""A user's permissions (their own and their groups') are read in one query a request, and are
exactly Django's: nothing kept from one request to the next."""

import pytest
from django.contrib.auth.models import Group, Permission

from taxportal.models import User

pytestmark = pytest.mark.django_db


def _perm(codename: str) -> Permission:
    return Permission.objects.get(codename=codename, content_type__app_label="auth")


def _fresh(user: User) -> User:
    """The user as the next request loads it (no permission read yet)."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def clerk():
    user = User.objects.create_user(username="perm-clerk", password="x" * 20)  # noqa: S106
    first, second = Group.objects.create(name="g-one"), Group.objects.create(name="g-two")
    first.permissions.add(_perm("view_group"), _perm("add_group"))
    second.permissions.add(_perm("add_group"), _perm("change_group"))  # add_group twice
    user.groups.add(first, second)
    user.user_permissions.add(_perm("view_permission"))
    return user


def test_own_and_groups_permissions_in_one_query(clerk, django_assert_num_queries):
    user = _fresh(clerk)
    with django_assert_num_queries(1):
        assert user.has_perm("auth.change_group")
        assert user.has_perm("auth.view_permission")
        assert not user.has_perm("auth.delete_group")
    # Worked out by hand: g-one {view, add}, g-two {add, change}, own {view_permission}.
    assert _fresh(clerk).get_all_permissions() == {
        "auth.view_group",
        "auth.add_group",
        "auth.change_group",
        "auth.view_permission",
    }


def test_a_removed_role_is_gone_on_the_next_request(clerk):
    assert _fresh(clerk).has_perm("auth.change_group")
    clerk.groups.remove(Group.objects.get(name="g-two"))
    assert not _fresh(clerk).has_perm("auth.change_group")
    assert _fresh(clerk).has_perm("auth.add_group")  # still through g-one


def test_inactive_has_none_and_superuser_has_all(clerk):
    clerk.is_active = False
    clerk.save()
    assert _fresh(clerk).get_all_permissions() == set()
    boss = User.objects.create_superuser(username="perm-boss", password="y" * 20)  # noqa: S106
    assert len(_fresh(boss).get_all_permissions()) == Permission.objects.count()


def test_a_user_without_permissions_has_none(django_assert_num_queries):
    user = _fresh(User.objects.create_user(username="perm-none", password="z" * 20))  # noqa: S106
    with django_assert_num_queries(1):
        assert not user.has_perm("auth.view_group")
    assert user.get_all_permissions() == set()


def _logged_in(user: User) -> User:
    """The user as the session middleware loads it for a request."""
    from taxportal.backends import StaffBackend

    return StaffBackend().get_user(user.pk)


def test_the_request_reads_the_user_and_permissions_in_one_query(clerk, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = _logged_in(clerk)
        assert user.has_perm("auth.change_group")
        assert user.has_perm("auth.view_permission")
        assert not user.has_perm("auth.delete_group")
    # The same four as worked out by hand above; add_group, granted twice, counted once.
    assert user.get_all_permissions() == {
        "auth.view_group",
        "auth.add_group",
        "auth.change_group",
        "auth.view_permission",
    }


def test_the_request_loads_a_removed_role_without_it(clerk):
    clerk.groups.remove(Group.objects.get(name="g-two"))
    user = _logged_in(clerk)
    assert not user.has_perm("auth.change_group")
    assert user.has_perm("auth.add_group")


def test_the_request_loads_no_inactive_user_and_all_for_a_superuser(clerk):
    clerk.is_active = False
    clerk.save()
    assert _logged_in(clerk) is None
    boss = User.objects.create_superuser(username="perm-boss2", password="y" * 20)  # noqa: S106
    assert len(_logged_in(boss).get_all_permissions()) == Permission.objects.count()
    assert _logged_in(User(pk=987654)) is None  # a session whose user was deleted


def test_the_request_loads_a_user_without_permissions_with_none(django_assert_num_queries):
    plain = User.objects.create_user(username="perm-none2", password="z" * 20)  # noqa: S106
    with django_assert_num_queries(1):
        user = _logged_in(plain)
        assert not user.has_perm("auth.view_group")
    assert user.get_all_permissions() == set()
