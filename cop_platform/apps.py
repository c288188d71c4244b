from django.apps import AppConfig


class CopPlatformConfig(AppConfig):
    name = "cop_platform"
    verbose_name = "CoP Platform"
