from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.contrib.messages.storage.base import BaseStorage
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware

from apps.core.exceptions import DATABASE_UNAVAILABLE, database_unavailable_response, log_database_unavailable

API_PREFIX = "/api/"


class RequestOnlySessionStore(SessionBase):
    """A session that lives for one request: nothing is read from or written to storage."""

    def exists(self, session_key):
        return False

    def create(self):
        self._session_key = self._get_new_session_key()
        self.modified = True

    def save(self, must_create=False):
        pass

    def delete(self, session_key=None):
        pass

    def load(self):
        return {}

    @classmethod
    def clear_expired(cls):
        pass


class SessionMiddleware(DjangoSessionMiddleware):
    """The admin keeps Django's cookie session; the API stays stateless.

    allauth's signup logs the new user into request.session, update_session_auth_hash cycles it
    and login() rotates the CSRF token, whatever dj-rest-auth's SESSION_LOGIN says. So an /api/
    request gets a session that is never loaded from a cookie nor saved, and its response drops
    every cookie set further in (sessionid, csrftoken, messages). This middleware sits outside
    the CSRF and messages middleware, so it sees their cookies.
    """

    def process_request(self, request):
        if request.path_info.startswith(API_PREFIX):
            request.session = RequestOnlySessionStore()
        else:
            super().process_request(request)

    def process_response(self, request, response):
        if request.path_info.startswith(API_PREFIX):
            response.cookies.clear()
            return response
        return super().process_response(request, response)


class DiscardedMessages(BaseStorage):
    """Messages for a page that no /api/ client will ever see: taken, and kept nowhere."""

    def _get(self, *args, **kwargs):
        return [], True

    def _store(self, messages, response, *args, **kwargs):
        return []


class MessageMiddleware(DjangoMessageMiddleware):
    """The admin keeps Django's messages; an /api/ request's go nowhere.

    allauth adds messages for the pages it would show ("Confirmation e-mail sent", "Successfully
    signed in") and fails without a storage, but an /api/ answer drops every cookie (above), so
    they were never delivered. Django's storage costs about 2 % of a request to set up for that.
    """

    def process_request(self, request):
        if request.path_info.startswith(API_PREFIX):
            request._messages = DiscardedMessages(request)
        else:
            super().process_request(request)


class DatabaseUnavailableMiddleware:
    """A view outside DRF (the admin) that meets a failing database answers 503 JSON too.

    DRF's views get theirs from apps.core.exceptions.exception_handler. Without this the error is a
    500 with a traceback in the log for every request while the database is down.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            log_database_unavailable(exception)
            return database_unavailable_response()
        return None
