"""Contains all the data models used in inputs/outputs"""

from .account_delete_request import AccountDeleteRequest
from .api_key import ApiKey
from .api_key_create import ApiKeyCreate
from .api_key_create_request import ApiKeyCreateRequest
from .author import Author
from .detail import Detail
from .error_detail import ErrorDetail
from .field_errors import FieldErrors
from .field_errors_additional_property_type_1 import FieldErrorsAdditionalPropertyType1
from .health import Health
from .issued_key import IssuedKey
from .login_with_email_request import LoginWithEmailRequest
from .login_with_username_request import LoginWithUsernameRequest
from .mfa_detail import MfaDetail
from .mfa_required import MFARequired
from .mfa_status import MFAStatus
from .mfa_verify_request import MFAVerifyRequest
from .paginated_post_list import PaginatedPostList
from .password_change_request import PasswordChangeRequest
from .password_changed import PasswordChanged
from .password_reset_confirm_request import PasswordResetConfirmRequest
from .password_reset_request import PasswordResetRequest
from .patched_post_request import PatchedPostRequest
from .patched_user_details_request import PatchedUserDetailsRequest
from .post import Post
from .post_request import PostRequest
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_checks_additional_property import ReadinessChecksAdditionalProperty
from .recovery_codes import RecoveryCodes
from .recovery_codes_issued import RecoveryCodesIssued
from .register_request import RegisterRequest
from .resend_email_verification_request import ResendEmailVerificationRequest
from .revoked_sessions import RevokedSessions
from .scopes_enum import ScopesEnum
from .session import Session
from .status_enum import StatusEnum
from .totp_activate_confirm_request import TOTPActivateConfirmRequest
from .totp_activate_init import TOTPActivateInit
from .totp_deactivate_request import TOTPDeactivateRequest
from .user_details import UserDetails
from .user_details_request import UserDetailsRequest
from .verify_email_request import VerifyEmailRequest

__all__ = (
    "AccountDeleteRequest",
    "ApiKey",
    "ApiKeyCreate",
    "ApiKeyCreateRequest",
    "Author",
    "Detail",
    "ErrorDetail",
    "FieldErrors",
    "FieldErrorsAdditionalPropertyType1",
    "Health",
    "IssuedKey",
    "LoginWithEmailRequest",
    "LoginWithUsernameRequest",
    "MfaDetail",
    "MFARequired",
    "MFAStatus",
    "MFAVerifyRequest",
    "PaginatedPostList",
    "PasswordChanged",
    "PasswordChangeRequest",
    "PasswordResetConfirmRequest",
    "PasswordResetRequest",
    "PatchedPostRequest",
    "PatchedUserDetailsRequest",
    "Post",
    "PostRequest",
    "Readiness",
    "ReadinessChecks",
    "ReadinessChecksAdditionalProperty",
    "RecoveryCodes",
    "RecoveryCodesIssued",
    "RegisterRequest",
    "ResendEmailVerificationRequest",
    "RevokedSessions",
    "ScopesEnum",
    "Session",
    "StatusEnum",
    "TOTPActivateConfirmRequest",
    "TOTPActivateInit",
    "TOTPDeactivateRequest",
    "UserDetails",
    "UserDetailsRequest",
    "VerifyEmailRequest",
)
