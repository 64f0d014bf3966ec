"""Wat een use case terugmeldt als hij niet kan doen wat gevraagd is."""


class Onuitvoerbaar(Exception):
    """De gevraagde handeling kan niet; de tekst zegt de gebruiker wat hij wel kan doen. Er is niets vastgelegd."""
