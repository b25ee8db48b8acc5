from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.field_errors import FieldErrors
from ...models.post import Post
from ...models.post_request import PostRequest
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: PostRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/posts/{id}/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ErrorDetail | FieldErrors | Post | None:
    if response.status_code == 200:
        response_200 = Post.from_dict(response.json())

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

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDetail.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorDetail.from_dict(response.json())

        return response_413

    if response.status_code == 414:
        response_414 = ErrorDetail.from_dict(response.json())

        return response_414

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
) -> Response[ErrorDetail | ErrorDetail | FieldErrors | Post]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: PostRequest,
) -> Response[ErrorDetail | ErrorDetail | FieldErrors | Post]:
    """Replace a post's title and body (author only)

    Args:
        id (int):
        body (PostRequest): A post. `title` is trimmed and must keep 1 to 200 characters; `body`
            is kept as sent, 1 to
            20,000 characters; neither may hold a NUL character. `author` is the caller, whatever is
            sent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ErrorDetail | FieldErrors | Post]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: PostRequest,
) -> ErrorDetail | ErrorDetail | FieldErrors | Post | None:
    """Replace a post's title and body (author only)

    Args:
        id (int):
        body (PostRequest): A post. `title` is trimmed and must keep 1 to 200 characters; `body`
            is kept as sent, 1 to
            20,000 characters; neither may hold a NUL character. `author` is the caller, whatever is
            sent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ErrorDetail | FieldErrors | Post
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: PostRequest,
) -> Response[ErrorDetail | ErrorDetail | FieldErrors | Post]:
    """Replace a post's title and body (author only)

    Args:
        id (int):
        body (PostRequest): A post. `title` is trimmed and must keep 1 to 200 characters; `body`
            is kept as sent, 1 to
            20,000 characters; neither may hold a NUL character. `author` is the caller, whatever is
            sent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ErrorDetail | FieldErrors | Post]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: PostRequest,
) -> ErrorDetail | ErrorDetail | FieldErrors | Post | None:
    """Replace a post's title and body (author only)

    Args:
        id (int):
        body (PostRequest): A post. `title` is trimmed and must keep 1 to 200 characters; `body`
            is kept as sent, 1 to
            20,000 characters; neither may hold a NUL character. `author` is the caller, whatever is
            sent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ErrorDetail | FieldErrors | Post
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
