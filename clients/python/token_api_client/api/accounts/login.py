from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.field_errors import FieldErrors
from ...models.issued_key import IssuedKey
from ...models.login_with_email_request import LoginWithEmailRequest
from ...models.login_with_username_request import LoginWithUsernameRequest
from ...models.mfa_required import MFARequired
from ...types import Response


def _get_kwargs(
    *,
    body: LoginWithEmailRequest | LoginWithUsernameRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/dj-rest-auth/login/",
    }

    if isinstance(body, LoginWithUsernameRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> IssuedKey | MFARequired:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_login_answer_type_0 = IssuedKey.from_dict(data)

                return componentsschemas_login_answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_login_answer_type_1 = MFARequired.from_dict(data)

            return componentsschemas_login_answer_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:

        def _parse_response_400(data: object) -> ErrorDetail | FieldErrors:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_400_type_0 = FieldErrors.from_dict(data)

                return response_400_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_400_type_1 = ErrorDetail.from_dict(data)

            return response_400_type_1

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 413:
        response_413 = ErrorDetail.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorDetail.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ErrorDetail.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginWithEmailRequest | LoginWithUsernameRequest,
) -> Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired]:
    """Log in with the username or the e-mail address, and the password

     Send `username` or `email` (matched whatever its letter case) with `password`. Wrong credentials, or
    an address not yet verified where verification is mandatory, are a `400` in `non_field_errors`.
    Besides the per-client throttle, repeated failed logins lock the account for a while (`429`).

    Args:
        body (LoginWithEmailRequest | LoginWithUsernameRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: LoginWithEmailRequest | LoginWithUsernameRequest,
) -> ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired | None:
    """Log in with the username or the e-mail address, and the password

     Send `username` or `email` (matched whatever its letter case) with `password`. Wrong credentials, or
    an address not yet verified where verification is mandatory, are a `400` in `non_field_errors`.
    Besides the per-client throttle, repeated failed logins lock the account for a while (`429`).

    Args:
        body (LoginWithEmailRequest | LoginWithUsernameRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginWithEmailRequest | LoginWithUsernameRequest,
) -> Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired]:
    """Log in with the username or the e-mail address, and the password

     Send `username` or `email` (matched whatever its letter case) with `password`. Wrong credentials, or
    an address not yet verified where verification is mandatory, are a `400` in `non_field_errors`.
    Besides the per-client throttle, repeated failed logins lock the account for a while (`429`).

    Args:
        body (LoginWithEmailRequest | LoginWithUsernameRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LoginWithEmailRequest | LoginWithUsernameRequest,
) -> ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired | None:
    """Log in with the username or the e-mail address, and the password

     Send `username` or `email` (matched whatever its letter case) with `password`. Wrong credentials, or
    an address not yet verified where verification is mandatory, are a `400` in `non_field_errors`.
    Besides the per-client throttle, repeated failed logins lock the account for a while (`429`).

    Args:
        body (LoginWithEmailRequest | LoginWithUsernameRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | MFARequired
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
