"""The portal's roles as groups holding their permissions (taxportal.roles)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from taxportal.roles import PERMISSIONS, ROLE_PERMISSIONS

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    user_type, _ = ContentType.objects.get_or_create(app_label="taxportal", model="user")
    permissions = {
        codename: Permission.objects.get_or_create(
            content_type=user_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
    }
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=str(role))
        group.permissions.add(*(permissions[c] for c in codenames))


def remove_roles(apps, schema_editor):
    from taxportal.roles import ROLE_PERMISSIONS

    apps.get_model("auth", "Group").objects.filter(
        name__in=[str(r) for r in ROLE_PERMISSIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("taxportal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
