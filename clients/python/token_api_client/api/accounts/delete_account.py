from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.account_delete_request import AccountDeleteRequest
from ...models.error_detail import ErrorDetail
from ...models.field_errors import FieldErrors
from ...types import Response


def _get_kwargs(
    *,
    body: AccountDeleteRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/dj-rest-auth/user/delete/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorDetail | ErrorDetail | FieldErrors | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDetail.from_dict(response.json())

        return response_403

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
) -> Response[Any | ErrorDetail | ErrorDetail | FieldErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AccountDeleteRequest,
) -> Response[Any | ErrorDetail | ErrorDetail | FieldErrors]:
    """Delete the caller's account for good

     With the password, and a code (authenticator or recovery code) when MFA is on. The account, its
    sessions, API keys, MFA devices, e-mail addresses and posts are deleted together; the username and
    address can register again. A wrong password or code is a `400` and deletes nothing; failures count
    against the account's lock, like failed logins (`429`).

    Args:
        body (AccountDeleteRequest): The password, and a code when MFA is on: a stolen session
            alone cannot delete the account.
            Failures count against the account's lock, like failed logins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorDetail | ErrorDetail | FieldErrors]
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
    client: AuthenticatedClient,
    body: AccountDeleteRequest,
) -> Any | ErrorDetail | ErrorDetail | FieldErrors | None:
    """Delete the caller's account for good

     With the password, and a code (authenticator or recovery code) when MFA is on. The account, its
    sessions, API keys, MFA devices, e-mail addresses and posts are deleted together; the username and
    address can register again. A wrong password or code is a `400` and deletes nothing; failures count
    against the account's lock, like failed logins (`429`).

    Args:
        body (AccountDeleteRequest): The password, and a code when MFA is on: a stolen session
            alone cannot delete the account.
            Failures count against the account's lock, like failed logins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorDetail | ErrorDetail | FieldErrors
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AccountDeleteRequest,
) -> Response[Any | ErrorDetail | ErrorDetail | FieldErrors]:
    """Delete the caller's account for good

     With the password, and a code (authenticator or recovery code) when MFA is on. The account, its
    sessions, API keys, MFA devices, e-mail addresses and posts are deleted together; the username and
    address can register again. A wrong password or code is a `400` and deletes nothing; failures count
    against the account's lock, like failed logins (`429`).

    Args:
        body (AccountDeleteRequest): The password, and a code when MFA is on: a stolen session
            alone cannot delete the account.
            Failures count against the account's lock, like failed logins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorDetail | ErrorDetail | FieldErrors]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AccountDeleteRequest,
) -> Any | ErrorDetail | ErrorDetail | FieldErrors | None:
    """Delete the caller's account for good

     With the password, and a code (authenticator or recovery code) when MFA is on. The account, its
    sessions, API keys, MFA devices, e-mail addresses and posts are deleted together; the username and
    address can register again. A wrong password or code is a `400` and deletes nothing; failures count
    against the account's lock, like failed logins (`429`).

    Args:
        body (AccountDeleteRequest): The password, and a code when MFA is on: a stolen session
            alone cannot delete the account.
            Failures count against the account's lock, like failed logins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorDetail | ErrorDetail | FieldErrors
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
