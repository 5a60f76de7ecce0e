"""Answer separately, reveal together: the one mechanism behind checking in together and conversations.

A round belongs to a space and has one seat per member who joined. Each member answers once; the
answers stay private to their authors until the last seat is answered, when the round is revealed
in the same transaction. Every step locks the round row first, so two answers submitted at the same
instant serialise: exactly one of them reveals, and neither is lost.
"""
