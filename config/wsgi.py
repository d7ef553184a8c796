from django.core.wsgi import get_wsgi_application

from config.environment import settings_module_select

settings_module_select()
application = get_wsgi_application()
