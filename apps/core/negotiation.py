from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class JSONFallbackNegotiation(DefaultContentNegotiation):
    """Answer in the view's first renderer (JSON) when Accept asks for something else.

    A client sending `Accept: text/html` still gets the JSON answer with the status it would
    have had, rather than a 406 about a format this API never offers.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except NotAcceptable:
            return renderers[0], renderers[0].media_type
