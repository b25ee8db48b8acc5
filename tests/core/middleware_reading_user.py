"""A middleware that touches request.user before the view, as a request logger may."""


class ReadUser:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user.is_authenticated  # noqa: B018 - loads the session, hence the database
        return self.get_response(request)
