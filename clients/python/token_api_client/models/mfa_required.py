from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MFARequired")


@_attrs_define
class MFARequired:
    """
    Attributes:
        mfa_required (bool): Always true: MFA is on for this account.
        ephemeral_token (str): POST it with a code to mfa/verify/ for the session's key; it works once, for 5 minutes.
    """

    mfa_required: bool
    ephemeral_token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mfa_required = self.mfa_required

        ephemeral_token = self.ephemeral_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mfa_required": mfa_required,
                "ephemeral_token": ephemeral_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mfa_required = d.pop("mfa_required")

        ephemeral_token = d.pop("ephemeral_token")

        mfa_required = cls(
            mfa_required=mfa_required,
            ephemeral_token=ephemeral_token,
        )

        mfa_required.additional_properties = d
        return mfa_required

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
