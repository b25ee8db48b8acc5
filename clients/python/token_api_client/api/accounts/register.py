from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.field_errors import FieldErrors
from ...models.issued_key import IssuedKey
from ...models.register_request import RegisterRequest
from ...types import Response


def _get_kwargs(
    *,
    body: RegisterRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/dj-rest-auth/registration/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | None:
    if response.status_code == 201:
        response_201 = IssuedKey.from_dict(response.json())

        return response_201

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

    if response.status_code == 503:
        response_503 = ErrorDetail.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest,
) -> Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey]:
    """Create an account

     An e-mail address belongs to one account, whatever its letter case. The verification e-mail links to
    `EMAIL_CONFIRM_URL` with the key that verify-email takes. With
    `ACCOUNT_EMAIL_VERIFICATION=mandatory` the answer is a `detail` and no key.

    Args:
        body (RegisterRequest): dj-rest-auth's registration, with the contract's limits and a
            taken address kept secret.

            `save()` answers None for a taken address under mandatory verification (nothing is
            written; the
            owner is told by e-mail) and the view answers as for a free one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey]
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
    body: RegisterRequest,
) -> ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | None:
    """Create an account

     An e-mail address belongs to one account, whatever its letter case. The verification e-mail links to
    `EMAIL_CONFIRM_URL` with the key that verify-email takes. With
    `ACCOUNT_EMAIL_VERIFICATION=mandatory` the answer is a `detail` and no key.

    Args:
        body (RegisterRequest): dj-rest-auth's registration, with the contract's limits and a
            taken address kept secret.

            `save()` answers None for a taken address under mandatory verification (nothing is
            written; the
            owner is told by e-mail) and the view answers as for a free one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ErrorDetail | FieldErrors | IssuedKey
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest,
) -> Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey]:
    """Create an account

     An e-mail address belongs to one account, whatever its letter case. The verification e-mail links to
    `EMAIL_CONFIRM_URL` with the key that verify-email takes. With
    `ACCOUNT_EMAIL_VERIFICATION=mandatory` the answer is a `detail` and no key.

    Args:
        body (RegisterRequest): dj-rest-auth's registration, with the contract's limits and a
            taken address kept secret.

            `save()` answers None for a taken address under mandatory verification (nothing is
            written; the
            owner is told by e-mail) and the view answers as for a free one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ErrorDetail | FieldErrors | IssuedKey]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest,
) -> ErrorDetail | ErrorDetail | FieldErrors | IssuedKey | None:
    """Create an account

     An e-mail address belongs to one account, whatever its letter case. The verification e-mail links to
    `EMAIL_CONFIRM_URL` with the key that verify-email takes. With
    `ACCOUNT_EMAIL_VERIFICATION=mandatory` the answer is a `detail` and no key.

    Args:
        body (RegisterRequest): dj-rest-auth's registration, with the contract's limits and a
            taken address kept secret.

            `save()` answers None for a taken address under mandatory verification (nothing is
            written; the
            owner is told by e-mail) and the view answers as for a free one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ErrorDetail | FieldErrors | IssuedKey
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
