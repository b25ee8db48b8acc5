from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterRequest")


@_attrs_define
class RegisterRequest:
    """dj-rest-auth's registration, with the contract's limits and a taken address kept secret.

    `save()` answers None for a taken address under mandatory verification (nothing is written; the
    owner is told by e-mail) and the view answers as for a free one.

        Attributes:
            username (str):
            email (str):
            password1 (str):
            password2 (str):
            device (str | Unset): A name for this session, e.g. `Alice's iPhone`; the User-Agent when left out.
    """

    username: str
    email: str
    password1: str
    password2: str
    device: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        email = self.email

        password1 = self.password1

        password2 = self.password2

        device = self.device

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "username": username,
                "email": email,
                "password1": password1,
                "password2": password2,
            }
        )
        if device is not UNSET:
            field_dict["device"] = device

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username")

        email = d.pop("email")

        password1 = d.pop("password1")

        password2 = d.pop("password2")

        device = d.pop("device", UNSET)

        register_request = cls(
            username=username,
            email=email,
            password1=password1,
            password2=password2,
            device=device,
        )

        register_request.additional_properties = d
        return register_request

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
