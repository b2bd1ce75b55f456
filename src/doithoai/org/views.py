"""Pages of the organisation: thin — parse, ask the permission layer, call a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doithoai.org import access, actions, rules, selectors
from doithoai.org.access import get_visible_object_or_404
from doithoai.org.forms import PersonForm, VillageForm
from doithoai.org.models import Agency, Person, Unit, Village


@login_required
def agency_list(request):
    agencies = list(selectors.agencies_for(request.user))
    if len(agencies) == 1:
        return redirect("org:agency_detail", agencies[0].pk)
    return render(request, "org/agency_list.html", {"agencies": agencies})


@login_required
def agency_detail(request, pk):
    agency = get_visible_object_or_404(request.user, Agency, pk)
    context = {"agency": agency, **selectors.agency_overview(request.user, agency)}
    return render(request, "org/agency_detail.html", context)


@login_required
def unit_detail(request, pk):
    unit = get_visible_object_or_404(request.user, Unit, pk)
    people = selectors.people_of(request.user, unit=unit)
    return render(request, "org/unit_detail.html", {
        "unit": unit, "people": people,
        "editable_ids": selectors.changeable_ids(request.user, people),
    })


@login_required
def village_detail(request, pk):
    village = get_visible_object_or_404(request.user, Village, pk)
    people = selectors.people_of(request.user, village=village)
    return render(request, "org/village_detail.html", {
        "village": village, "people": people,
        "editable_ids": selectors.changeable_ids(request.user, people),
        "can_edit": access.can(request.user, rules.CHANGE_VILLAGE, village),
    })


def _edit(request, instance, rule, form, service, redirect_to, template):
    """Shared edit flow: 403 for read-only access, service call, errors shown in place."""
    access.require(request.user, rule, instance)
    # The scope underneath the rule: a Front officer changes only the people of a village.
    access.require_change(request.user, instance)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            service(actor=request.user, changes=changes, reason=form.cleaned_data["reason"],
                    **{type(instance).__name__.lower(): instance})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect_to
    return render(request, template, {"form": form, "object": instance})


@login_required
@require_http_methods(["GET", "POST"])
def village_edit(request, pk):
    village = get_visible_object_or_404(request.user, Village, pk)
    form = VillageForm(request.POST or None, instance=selectors.copy_to_edit(village))
    return _edit(request, village, rules.CHANGE_VILLAGE, form, actions.update_village,
                 redirect("org:village_detail", village.pk), "org/village_form.html")


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = get_visible_object_or_404(request.user, Person, pk)
    form = PersonForm(request.POST or None, instance=selectors.copy_to_edit(person),
                      user=request.user)
    target = (redirect("org:village_detail", person.village_id) if person.village_id
              else redirect("org:unit_detail", person.unit_id) if person.unit_id
              else redirect("org:agency_detail", person.agency_id))
    return _edit(request, person, rules.CHANGE_PERSON, form, actions.update_person, target,
                 "org/person_form.html")
