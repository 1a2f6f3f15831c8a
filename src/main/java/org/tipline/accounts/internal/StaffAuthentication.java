package org.tipline.accounts.internal;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.tipline.crypto.Keyring;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * A request authenticated from a staff session: the principal is a {@link StaffPrincipal}, and the
 * keyring is handed only to controller parameters that ask for one.
 */
public final class StaffAuthentication extends AbstractAuthenticationToken {

    private final StaffSessions.Authenticated session;

    StaffAuthentication(StaffSessions.Authenticated session) {
        super(session.principal().roles().stream()
                .map(Role::authority)
                .map(SimpleGrantedAuthority::new)
                .toList());
        this.session = session;
        setAuthenticated(true);
    }

    @Override
    public StaffPrincipal getPrincipal() {
        return session.principal();
    }

    /** Never exposes the session token or the key. */
    @Override
    public Object getCredentials() {
        return "";
    }

    /** Returns the keyring unlocked for this request. */
    public Keyring keyring() {
        return session.keyring();
    }

    /** Returns the member's name for the page header. */
    public String displayName() {
        return session.displayName();
    }

    @Override
    public String getName() {
        return session.principal().id().toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StaffAuthentication that && that.session.equals(session);
    }

    @Override
    public int hashCode() {
        return session.hashCode();
    }
}
