"""Placeholder views: the public pages are being built (petitions issue, point 8)."""

from django.http import Http404


def submit(request):
    raise Http404


def track(request):
    raise Http404


def track_code(request, code):
    raise Http404
