from django.core.asgi import get_asgi_application

from config.environment import settings_module_select

settings_module_select()
application = get_asgi_application()
