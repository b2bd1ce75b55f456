"""Shared model behaviour."""

from django.db import models

from doithoai.core.text import nfc


class NFCModel(models.Model):
    """Stores every text field NFC-normalised, whatever the input (NFD, pasted text)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalise_texts()
        super().save(*args, **kwargs)

    def normalise_texts(self) -> None:
        """NFC in every text field (save() does it; call it before a bulk_create)."""
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc(value))
