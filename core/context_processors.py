from .navigation import nav_items_for
from .permissions import user_roles


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": frozenset()}
    return {"nav_items": nav_items_for(user), "user_roles": user_roles(user)}
