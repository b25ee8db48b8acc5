from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.field_errors import FieldErrors
from ...models.paginated_post_list import PaginatedPostList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    author: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["author"] = author

    params["cursor"] = cursor

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/posts/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | FieldErrors | PaginatedPostList | None:
    if response.status_code == 200:
        response_200 = PaginatedPostList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = FieldErrors.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDetail.from_dict(response.json())

        return response_403

    if response.status_code == 414:
        response_414 = ErrorDetail.from_dict(response.json())

        return response_414

    if response.status_code == 429:
        response_429 = ErrorDetail.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | FieldErrors | PaginatedPostList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    author: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 20,
) -> Response[ErrorDetail | FieldErrors | PaginatedPostList]:
    """Posts, newest first, a cursor page at a time

    Args:
        author (int | Unset):
        cursor (str | Unset):
        page_size (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | FieldErrors | PaginatedPostList]
    """

    kwargs = _get_kwargs(
        author=author,
        cursor=cursor,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    author: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 20,
) -> ErrorDetail | FieldErrors | PaginatedPostList | None:
    """Posts, newest first, a cursor page at a time

    Args:
        author (int | Unset):
        cursor (str | Unset):
        page_size (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | FieldErrors | PaginatedPostList
    """

    return sync_detailed(
        client=client,
        author=author,
        cursor=cursor,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    author: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 20,
) -> Response[ErrorDetail | FieldErrors | PaginatedPostList]:
    """Posts, newest first, a cursor page at a time

    Args:
        author (int | Unset):
        cursor (str | Unset):
        page_size (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | FieldErrors | PaginatedPostList]
    """

    kwargs = _get_kwargs(
        author=author,
        cursor=cursor,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    author: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 20,
) -> ErrorDetail | FieldErrors | PaginatedPostList | None:
    """Posts, newest first, a cursor page at a time

    Args:
        author (int | Unset):
        cursor (str | Unset):
        page_size (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | FieldErrors | PaginatedPostList
    """

    return (
        await asyncio_detailed(
            client=client,
            author=author,
            cursor=cursor,
            page_size=page_size,
        )
    ).parsed
