"""Django's database cache with an atomic ``incr``.

The throttles (receipt codes, public forms, sign-in through django-axes) count with
``cache.add`` + ``cache.incr``. Django's database cache implements ``incr`` as get-then-set, so
parallel requests read the same count and all slip under the limit (40 parallel wrong receipt
codes: 7 checked against a limit of 5), and ``set`` also moves the entry's expiry. Here the
row is locked (``SELECT … FOR UPDATE``; SQLite serialises writers anyway), the count read and
written back in one transaction, and the expiry left where ``add`` put it. ``decr`` is
``incr`` with a negative delta. Redis (``REDIS_URL``) and local memory are atomic already.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        full_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        column = connection.ops.quote_name("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT 1 FROM {table} WHERE {column} = %s{lock}", [full_key])  # noqa: S608
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            value += delta
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET {connection.ops.quote_name('value')} = %s WHERE {column} = %s",  # noqa: S608
                    [pickled, full_key],
                )
        return value
