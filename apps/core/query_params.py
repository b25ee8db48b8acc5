from rest_framework.exceptions import ValidationError

# The largest value of a bigint primary key; a larger id would be a database error, not a 400.
MAX_ID = 2**63 - 1


def validated_query_param(request, name, field):
    """The query parameter `name` run through a serializer field; None when it is absent.

    An invalid value is a 400 naming the parameter, like a field error in a body.
    """
    raw = request.query_params.get(name)
    if raw is None:
        return None
    try:
        return field.run_validation(raw)
    except ValidationError as exc:
        raise ValidationError({name: exc.detail}) from None
