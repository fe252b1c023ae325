from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "followup.store"
    label = "store"
    verbose_name = "followup record"
    default_auto_field = "django.db.models.BigAutoField"
