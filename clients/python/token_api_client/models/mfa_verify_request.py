from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MFAVerifyRequest")


@_attrs_define
class MFAVerifyRequest:
    """Checks the ephemeral token only; the view checks the code, once the token is claimed.

    Attributes:
        ephemeral_token (str): From the login answer.
        code (str): A code of the authenticator app, or an unused recovery code.
    """

    ephemeral_token: str
    code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ephemeral_token = self.ephemeral_token

        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ephemeral_token": ephemeral_token,
                "code": code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ephemeral_token = d.pop("ephemeral_token")

        code = d.pop("code")

        mfa_verify_request = cls(
            ephemeral_token=ephemeral_token,
            code=code,
        )

        mfa_verify_request.additional_properties = d
        return mfa_verify_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
