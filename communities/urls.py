from django.urls import path

from communities.discussions import (
    attachment_views,
    ping_answer_views,
    ping_views,
    report_views,
)
from communities.discussions import unread_views as unread
from communities.discussions import views as discussions
from communities.notifications import views as notification_views
from communities.views import communities, invitations, membership, people, programs

app_name = "communities"

urlpatterns = [
    # People
    path("people/<str:handle>/", people.profile_detail, name="profile"),
    path("people/<str:handle>/edit/", people.profile_edit, name="profile_edit"),
    path(
        "people/<str:handle>/notifications/",
        people.notification_settings,
        name="notification_settings",
    ),
    path("people/<str:handle>/delete/", people.account_delete, name="account_delete"),
    # Notifications
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/open/",
        notification_views.notification_open,
        name="notification_open",
    ),
    path(
        "notifications/read/",
        notification_views.notifications_mark_read,
        name="notifications_mark_read",
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        notification_views.unsubscribe_view,
        name="unsubscribe",
    ),
    # Communities
    path("cops/", communities.directory, name="directory"),
    path("cops/new/", communities.community_create, name="create"),
    path("cops/<slug:slug>/", communities.community_detail, name="detail"),
    path("cops/<slug:slug>/settings/", communities.community_edit, name="edit"),
    path("cops/<slug:slug>/stage/", communities.community_stage, name="stage"),
    # Membership
    path("cops/<slug:slug>/join/", membership.community_join, name="join"),
    path("cops/<slug:slug>/request/", membership.community_request, name="request"),
    path("cops/<slug:slug>/leave/", membership.community_leave, name="leave"),
    path(
        "cops/<slug:slug>/leave/confirm/",
        membership.community_leave_confirm,
        name="leave_confirm",
    ),
    path("cops/<slug:slug>/members/", membership.member_list, name="members"),
    path("cops/<slug:slug>/members/<int:pk>/roles/", membership.member_roles, name="member_roles"),
    path(
        "cops/<slug:slug>/members/<int:pk>/remove/",
        membership.member_remove,
        name="member_remove",
    ),
    path(
        "cops/<slug:slug>/members/<int:pk>/remove/confirm/",
        membership.member_remove_confirm,
        name="member_remove_confirm",
    ),
    path("cops/<slug:slug>/invite/", invitations.invite_members, name="invite"),
    path(
        "cops/<slug:slug>/imports/<int:pk>/",
        invitations.member_import,
        name="member_import",
    ),
    path(
        "cops/<slug:slug>/imports/<int:pk>/retry/",
        invitations.member_import_retry,
        name="member_import_retry",
    ),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("cops/<slug:slug>/requests/", membership.join_requests, name="join_requests"),
    path(
        "cops/<slug:slug>/requests/<int:pk>/",
        membership.join_request_decide,
        name="join_request_decide",
    ),
    # Programs
    path("programs/", programs.program_list, name="program_list"),
    path("programs/new/", programs.program_create, name="program_create"),
    path("programs/<slug:slug>/", programs.program_detail, name="program_detail"),
    path("programs/<slug:slug>/settings/", programs.program_edit, name="program_edit"),
    path(
        "programs/<slug:slug>/communities/",
        programs.program_add_community,
        name="program_add_community",
    ),
    path("programs/<slug:slug>/leaders/", programs.program_add_leader, name="program_add_leader"),
    path(
        "programs/<slug:slug>/communities/<slug:community_slug>/provider/",
        programs.program_assign_provider,
        name="program_assign_provider",
    ),
    # Discussions
    path("new/", unread.unread_thread_list, name="unread_threads"),
    path("cops/<slug:slug>/discussions/", discussions.thread_list, name="threads"),
    path("cops/<slug:slug>/discussions/new/", discussions.thread_create, name="thread_create"),
    path("cops/<slug:slug>/discussions/<int:pk>/", discussions.thread_detail, name="thread"),
    path(
        "cops/<slug:slug>/discussions/<int:pk>/reply/",
        discussions.thread_reply,
        name="thread_reply",
    ),
    path(
        "cops/<slug:slug>/discussions/<int:pk>/edit/", discussions.thread_edit, name="thread_edit"
    ),
    path(
        "cops/<slug:slug>/discussions/<int:pk>/follow/",
        discussions.thread_follow,
        name="thread_follow",
    ),
    path(
        "cops/<slug:slug>/discussions/<int:pk>/moderate/",
        discussions.thread_moderate,
        name="thread_moderate",
    ),
    path(
        "cops/<slug:slug>/discussions/<int:pk>/accept/<int:post_pk>/",
        discussions.thread_accept,
        name="thread_accept",
    ),
    path("cops/<slug:slug>/replies/<int:pk>/edit/", discussions.post_edit, name="post_edit"),
    path("cops/<slug:slug>/replies/<int:pk>/delete/", discussions.post_delete, name="post_delete"),
    path(
        "cops/<slug:slug>/replies/<int:pk>/delete/confirm/",
        discussions.post_delete_confirm,
        name="post_delete_confirm",
    ),
    path(
        "cops/<slug:slug>/replies/<int:pk>/helpful/",
        discussions.post_helpful,
        name="post_helpful",
    ),
    path(
        "cops/<slug:slug>/replies/<int:pk>/moderate/",
        discussions.post_moderate,
        name="post_moderate",
    ),
    path("cops/<slug:slug>/replies/<int:pk>/report/", discussions.post_report, name="post_report"),
    path("moderation/", report_views.report_overview, name="report_overview"),
    path(
        "cops/<slug:slug>/attachments/<int:pk>/",
        attachment_views.attachment_download,
        name="attachment",
    ),
    path("cops/<slug:slug>/moderation/", discussions.moderation_queue, name="moderation"),
    path(
        "cops/<slug:slug>/moderation/<int:pk>/",
        discussions.report_resolve,
        name="report_resolve",
    ),
    path(
        "cops/<slug:slug>/discussions/<int:pk>/archive/",
        discussions.thread_archive,
        name="thread_archive",
    ),
    # Pings
    path("cops/<slug:slug>/pings/", ping_views.ping_list, name="pings"),
    path("cops/<slug:slug>/pings/new/", ping_views.ping_create, name="ping_create"),
    path("cops/<slug:slug>/pings/<int:pk>/", ping_views.ping_detail, name="ping"),
    path("pings/<str:token>/", ping_views.ping_link, name="ping_link"),
    path("pings/answer/<str:token>/", ping_answer_views.ping_answer, name="ping_answer"),
]
