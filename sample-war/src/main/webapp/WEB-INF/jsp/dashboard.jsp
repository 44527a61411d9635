<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="h" uri="/WEB-INF/html.tld" %>
<%-- "/dashboard": any signed-in user (the AuthKit filter sends everyone else to sign in first).
     The same user is in request.getUserPrincipal(); ${authkitUser} is the AuthKitPrincipal. --%>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Dashboard - AuthKit example</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/style.css">
</head>
<body>
<%@ include file="/WEB-INF/jsp/header.jspf" %>
<main>
  <h1>Dashboard</h1>
  <p>Welcome back, <span id="user-name">${h:text(authkitUser.displayName)}</span>.</p>
  <dl>
    <dt>Name</dt><dd id="name">${h:text(authkitUser.firstName)} ${h:text(authkitUser.lastName)}</dd>
    <dt>Email</dt><dd id="email">${h:text(authkitUser.email)}</dd>
    <dt>User id</dt><dd id="user-id">${h:text(pageContext.request.remoteUser)}</dd>
    <dt>Organization</dt><dd id="organization">${h:text(authkitUser.organizationId)}</dd>
    <dt>Role</dt><dd id="role">${h:text(authkitUser.role)}</dd>
    <dt>Permissions</dt><dd id="permissions">${h:text(authkitUser.permissions)}</dd>
    <dt>Impersonated</dt><dd id="impersonated">${authkitUser.impersonated ? 'yes, by '.concat(h:text(impersonator)) : 'no'}</dd>
    <dt>Last signed in</dt><dd id="last-sign-in">${h:text(h:lastSignIn(authkitUser.id))}</dd>
    <dt>Recorded by</dt><dd id="recorded-by">${h:text(h:recordedBy(authkitUser.id))}</dd>
  </dl>
</main>
</body>
</html>
