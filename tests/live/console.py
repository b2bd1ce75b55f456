"""What the console's page sends: one action, as the browser posts it."""

from django.urls import reverse


def act(client, conference, **data):
    return client.post(reverse("live:act", args=[conference.pk]), data)
