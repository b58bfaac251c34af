"""Flask extensions, created unbound so every package can import them."""

from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
# Rendered page parts (pagecache.py): Redis when REDIS_URL is set, else memory.
cache = Cache()
# Storage comes from RATELIMIT_STORAGE_URI: Redis when REDIS_URL is set, else memory.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
