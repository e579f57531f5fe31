"""Storage of sensitive answers (item-level answers, free text, contact details).

One alias so that the storage of every sensitive screening value is decided here: the
trust app's encrypted fields (Fernet, keys in ``MILLEJOURS_FIELD_KEYS``). Encrypted
columns cannot be filtered or sorted in SQL: screening never queries them.
"""

from millejours.audit.fields import EncryptedJSONField as SensitiveJSONField
from millejours.audit.fields import EncryptedTextField as SensitiveTextField

__all__ = ["SensitiveJSONField", "SensitiveTextField"]
