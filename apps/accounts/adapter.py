import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context, ratelimit
from django.conf import settings
from django.contrib.sites.models import Site
from django.http import HttpResponse
from rest_framework import status
from rest_framework.exceptions import APIException

logger = logging.getLogger(__name__)


class EmailNotSent(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The e-mail could not be sent, so nothing was changed. Please try again later."
    default_code = "email_not_sent"


class AccountAdapter(DefaultAccountAdapter):
    """allauth, adjusted for an API whose clients hold tokens and open links in their own apps."""

    def login(self, request, user):
        # allauth's signup logs the new user into a Django session; API clients get a token instead.
        pass

    def respond_email_verification_sent(self, request, user):
        # allauth redirects to a page; dj-rest-auth ignores the response and answers JSON itself.
        return HttpResponse()

    def get_email_confirmation_url(self, request, emailconfirmation):
        # The link opens the client's page or deep link, which POSTs the key to verify-email/.
        return settings.EMAIL_CONFIRM_URL.format(key=emailconfirmation.key)

    def format_email_subject(self, subject):
        # allauth prefixes "[<Site name>] ", and the Site row says example.com unless someone edits it.
        return f"[{settings.SITE_NAME}] {subject}"

    def send_mail(self, template_prefix, email, context_data):
        request = context.request
        # The product's name and domain from the environment (SITE_NAME, SITE_DOMAIN), never the
        # database's example.com: allauth's and dj-rest-auth's templates read current_site.
        current_site = Site(name=settings.SITE_NAME, domain=settings.SITE_DOMAIN)
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, **context_data, "current_site": current_site},
        )
        try:
            message.send()
        except Exception as error:
            # Any backend (SMTP, an e-mail service's client) may fail its own way: the caller rolls back.
            logger.exception("Sending the e-mail %s failed", template_prefix)
            # allauth counted this e-mail against the address's cooldown before sending it; a retry
            # would otherwise create the account and silently send nothing.
            ratelimit.clear(request, action="confirm_email", key=email.lower())
            raise EmailNotSent from error
